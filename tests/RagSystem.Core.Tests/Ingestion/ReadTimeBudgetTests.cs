using RagSystem.Documents;
using RagSystem.Ingestion;

namespace RagSystem.Core.Tests.Ingestion;

/// <summary>The per-file read limit grows by <c>Ingestion:PerOcrPageTimeout</c> for each page a reader announces for OCR.</summary>
public sealed class ReadTimeBudgetTests
{
    [Theory]
    [InlineData(120, 60, 0, 120)]
    [InlineData(120, 60, 18, 1200)]
    [InlineData(120, 0, 18, 120)]
    [InlineData(2, 30, 1, 32)]
    public void Ocr_read_limit_is_the_base_plus_the_allowance_of_each_Ocr_page(int basisSeconds, int perPageSeconds, int pages, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds),
            ReadTimeBudget.LimitFor(TimeSpan.FromSeconds(basisSeconds), TimeSpan.FromSeconds(perPageSeconds), pages));

    [Fact]
    public async Task Ocr_pages_announced_in_the_listening_context_and_its_tasks_are_counted_and_others_are_not()
    {
        using var budget = new ReadTimeBudget(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        using (budget.ListenForOcrPages())
        {
            OcrPageNotice.PageStarting();
            await Task.Run(OcrPageNotice.PageStarting, TestContext.Current.CancellationToken);
        }
        OcrPageNotice.PageStarting();

        Assert.Equal(2, budget.OcrPages);
        Assert.Equal(TimeSpan.FromMinutes(2), budget.Limit);
    }

    [Fact]
    public async Task Ocr_page_allowance_keeps_the_token_live_past_the_base_limit()
    {
        var ct = TestContext.Current.CancellationToken;
        using var bare = new ReadTimeBudget(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), ct);
        using var scanning = new ReadTimeBudget(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10), ct);
        using (scanning.ListenForOcrPages()) OcrPageNotice.PageStarting();

        await Task.Delay(TimeSpan.FromSeconds(2.5), ct);

        Assert.True(bare.Token.IsCancellationRequested);
        Assert.True(bare.Exceeded);
        Assert.False(scanning.Token.IsCancellationRequested);
        Assert.False(scanning.Exceeded);
    }
}
