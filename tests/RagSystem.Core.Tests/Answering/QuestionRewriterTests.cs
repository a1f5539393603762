using RagSystem.Answering;

namespace RagSystem.Core.Tests.Answering;

public sealed class QuestionRewriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ConversationTurn[] History =
    [
        new("How does metformin lower blood glucose?", "It reduces glucose production in the liver [1]."),
    ];

    [Fact]
    public async Task With_a_model_the_conversation_goes_into_the_prompt_and_the_cleaned_reply_comes_back()
    {
        var chat = new FakeChatClient("Standalone question: \"What are the side effects of metformin?\"\nExtra chatter.");
        var rewritten = await new QuestionRewriter(chat).RewriteAsync("What about its side effects?", History, Ct);

        Assert.Equal("What are the side effects of metformin?", rewritten);
        Assert.Contains("User: How does metformin lower blood glucose?", chat.LastUser);
        Assert.Contains("Assistant: It reduces glucose production in the liver [1].", chat.LastUser);
        Assert.Contains("Follow-up question: What about its side effects?", chat.LastUser);
        Assert.Contains("standalone question", chat.LastSystem);
    }

    [Fact]
    public async Task An_unusable_model_reply_falls_back_to_the_model_free_rewrite()
    {
        var chat = new FakeChatClient("  \n  ");
        var rewritten = await new QuestionRewriter(chat).RewriteAsync("What about its side effects?", History, Ct);
        Assert.Equal("What about metformin's side effects?", rewritten);
    }

    [Fact]
    public async Task Without_a_model_a_follow_up_with_pronouns_gets_the_previous_key_terms()
    {
        var rewriter = new QuestionRewriter(null);
        Assert.Equal("What about metformin's side effects?",
            await rewriter.RewriteAsync("What about its side effects?", History, Ct));
        // Too few content words of its own, even without a pronoun: the subject is carried over.
        Assert.Equal("in children, for metformin?",
            await rewriter.RewriteAsync("and in children?", History, Ct));
        // Terms the follow-up already has are not repeated.
        Assert.Equal("lower blood glucose: Does metformin do it quickly?",
            await rewriter.RewriteAsync("Does metformin do it quickly?", History, Ct));
    }

    [Fact]
    public async Task A_self_contained_follow_up_or_an_empty_history_leaves_the_question_unchanged()
    {
        var rewriter = new QuestionRewriter(null);
        const string standalone = "Which enzymes does insulin resistance affect in muscle tissue?";
        Assert.Equal(standalone, await rewriter.RewriteAsync(standalone, History, Ct));
        Assert.Equal("What about its side effects?", await rewriter.RewriteAsync("What about its side effects?", [], Ct));
        var chat = new FakeChatClient("ignored");
        Assert.Equal("What about it?", await new QuestionRewriter(chat).RewriteAsync("What about it?", [], Ct));
        Assert.Empty(chat.Calls);
    }

    [Fact]
    public async Task A_follow_up_that_points_back_gets_the_previous_subject_in_place_of_the_pronoun()
    {
        var rewriter = new QuestionRewriter(null);
        Assert.Equal("why does LoRA matter?",
            await rewriter.RewriteAsync("and why does that matter?", [new("What is LoRA?", "LoRA trains low-rank adapters [1].")], Ct));
        Assert.Equal("How is the KV cache's memory bounded?",
            await rewriter.RewriteAsync("How is its memory bounded?", [new("What is the KV cache?", "It stores keys [1].")], Ct));
    }

    [Fact]
    public async Task A_model_rewrite_that_drops_the_conversation_is_replaced_by_the_rule()
    {
        var drifting = new FakeChatClient("What is the capital of France?");
        var rewritten = await new QuestionRewriter(drifting).RewriteAsync("and why does that matter?",
            [new("What is LoRA?", "LoRA trains low-rank adapters [1].")], Ct);
        Assert.Equal("why does LoRA matter?", rewritten);
        Assert.Single(drifting.Calls);

        var faithful = new FakeChatClient("Why does LoRA matter for fine-tuning?");
        Assert.Equal("Why does LoRA matter for fine-tuning?", await new QuestionRewriter(faithful).RewriteAsync("and why does that matter?",
            [new("What is LoRA?", "LoRA trains low-rank adapters [1].")], Ct));
    }
}
