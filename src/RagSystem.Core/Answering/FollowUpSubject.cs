using System.Text.RegularExpressions;

namespace RagSystem.Answering;

/// <summary>Finds what a question is about, so a follow-up's "it", "that" or "its" can be replaced by it:
/// <c>What is LoRA?</c> → <c>LoRA</c>; <c>How does metformin lower blood glucose?</c> → <c>metformin</c>.</summary>
public static partial class FollowUpSubject
{
    [GeneratedRegex(@"^\s*(?:what|who|which)\s+(?:is|are|was|were)\s+(?<subject>[^?.!]+?)\s*[?.!]*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DefinitionQuestion();

    [GeneratedRegex(@"\b(?:does|do|did|can|could|should|would|will|is|are|was|were|has|have)\s+(?:(?:the|a|an)\s+)?(?<subject>[\p{L}\p{N}][\p{L}\p{N}\-]*)", RegexOptions.IgnoreCase)]
    private static partial Regex AuxiliaryQuestion();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*")]
    private static partial Regex Token();

    /// <summary>The subject phrase of <paramref name="question"/> as written there, or null when none is found.
    /// In order: the rest of a definition question (<c>What is X?</c>); else its anchor terms (names and numbers, see
    /// <see cref="QuestionAnchors"/>) in their order; else the first word after the auxiliary verb (<c>does X …</c>).</summary>
    public static string? Find(string question)
    {
        if (DefinitionQuestion().Match(question) is { Success: true } definition)
        {
            var subject = definition.Groups["subject"].Value.Trim();
            if (ContentWords.StemSet(subject).Count > 0) return subject;
        }
        var anchors = QuestionAnchors.StemSet(question);
        if (anchors.Count > 0)
        {
            var words = Token().Matches(question).Select(m => m.Value)
                .Where(w => ContentWords.Stems(w).Any(anchors.Contains)).Distinct().ToList();
            if (words.Count > 0) return string.Join(' ', words);
        }
        if (AuxiliaryQuestion().Match(question) is { Success: true } auxiliary)
        {
            var word = auxiliary.Groups["subject"].Value;
            if (ContentWords.StemSet(word).Count > 0) return word;
        }
        return null;
    }
}
