namespace RagSystem.Answering;

/// <summary>The Semantic Kernel prompt templates (<c>semantic-kernel</c> format: <c>{{$variable}}</c>) the answering side renders.</summary>
public static class PromptTemplates
{
    /// <summary>System message for grounded answers.</summary>
    public const string AnswerSystem =
        """
        You answer questions using only the numbered passages you are given.
        Rules:
        1. Use only facts stated in the passages. Do not add outside knowledge.
        2. Cite the passage behind each statement with its number in square brackets, such as [1] or [2][3].
        3. If the passages do not contain the answer, say that the documents do not contain the answer, and stop.
        4. Answer in the language of the question, briefly and plainly.
        """;

    /// <summary>User message: the numbered passages, then the question. Variables: <c>passages</c>, <c>question</c>.</summary>
    public const string AnswerUser =
        """
        Passages:

        {{$passages}}

        Question: {{$question}}
        Answer using only the passages above and cite them as [n].
        """;

    /// <summary>System message for turning a follow-up into a standalone question.</summary>
    public const string RewriteSystem =
        """
        You rewrite a follow-up question from a conversation into one standalone question that can be understood
        without the conversation. Replace pronouns and vague references with what they refer to. Keep the user's
        wording otherwise. Do not answer the question. Reply with the rewritten question only, on one line.
        """;

    /// <summary>User message for rewriting. Variables: <c>conversation</c>, <c>question</c>.</summary>
    public const string RewriteUser =
        """
        Conversation:
        {{$conversation}}

        Follow-up question: {{$question}}
        Standalone question:
        """;
}
