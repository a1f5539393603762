namespace RagSystem.Answering;

/// <summary>How an answer was produced. Serialized in snake case: <c>generative</c>, <c>extractive</c>, <c>not_found</c>.</summary>
public enum AnswerMode
{
    /// <summary>Written by the generator model from the numbered passages.</summary>
    Generative,

    /// <summary>Sentences quoted from the best passages, because no generator model is installed.</summary>
    Extractive,

    /// <summary>The documents hold no passage that covers the question well enough; the model was not called.</summary>
    NotFound,
}
