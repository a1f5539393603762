namespace RagSystem.Answering;

/// <summary>English function words and question words that say nothing about a question's topic.</summary>
public static class StopWords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
        "does", "doing", "down", "during", "each", "either", "else", "ever", "few", "for", "from", "further", "get",
        "gets", "got", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his",
        "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "let", "may", "me", "might",
        "more", "most", "much", "must", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "one",
        "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "please", "same", "shall", "she",
        "should", "so", "some", "such", "tell", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
        "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "upon", "us", "use",
        "used", "using", "very", "via", "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who",
        "whom", "whose", "why", "will", "with", "within", "without", "would", "yes", "yet", "you", "your", "yours",
        "yourself", "yourselves", "explain", "describe", "mean", "means", "many", "there's", "what's", "it's",
    };

    /// <summary>True when <paramref name="lowerCaseWord"/> is a stop-word.</summary>
    public static bool Contains(string lowerCaseWord) => Words.Contains(lowerCaseWord);
}
