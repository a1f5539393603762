using RagSystem.Generation;

namespace RagSystem.Core.Tests.Generation;

public sealed class StopStringMatcherTests
{
    [Fact]
    public void HoldsBackAPossibleStopPrefix_AndReleasesItWhenItIsNot()
    {
        var m = new StopStringMatcher(["<|im_end|>"]);
        Assert.Equal("Hello ", m.Push("Hello <|im"));
        Assert.Equal("<|imx", m.Push("x"));
        Assert.False(m.Stopped);
    }

    [Fact]
    public void StopsAtAStopStringSplitAcrossPushes_AndNeverEmitsIt()
    {
        var m = new StopStringMatcher(["END", "<|im_end|>"]);
        var emitted = m.Push("The answer is 4.<|im") + m.Push("_en") + m.Push("d|> trailing");
        Assert.Equal("The answer is 4.", emitted);
        Assert.True(m.Stopped);
        Assert.Equal(string.Empty, m.Push("more") + m.Flush());
    }

    [Fact]
    public void TheEarliestStopStringWins()
    {
        var m = new StopStringMatcher(["B", "A"]);
        Assert.Equal("x", m.Push("xAyB"));
    }

    [Fact]
    public void FlushReturnsHeldTextWhenNoStopCame()
    {
        var m = new StopStringMatcher(["</s>"]);
        Assert.Equal("end ", m.Push("end </"));
        Assert.Equal("</", m.Flush());
    }
}
