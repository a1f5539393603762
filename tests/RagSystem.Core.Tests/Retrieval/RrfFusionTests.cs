using RagSystem.Retrieval;
using RagSystem.Storage;
using static RagSystem.Core.Tests.Storage.StoreSamples;

namespace RagSystem.Core.Tests.Retrieval;

public sealed class RrfFusionTests
{
    private static readonly DocumentRecord Doc = Document("d.md");
    private static readonly ChunkRecord A = Chunk(Doc, 0, "A"), B = Chunk(Doc, 1, "B"), C = Chunk(Doc, 2, "C"), D = Chunk(Doc, 3, "D");

    private static ScoredChunk Hit(ChunkRecord c, double score) => new(c, Doc.Path, score);

    [Fact]
    public void Hand_worked_example_with_equal_weights()
    {
        // lexical: A, B, C   dense: C, A, D   k = 60
        // A = 1/61 + 1/62 = 0.0163934 + 0.0161290 = 0.0325224
        // C = 1/63 + 1/61 = 0.0158730 + 0.0163934 = 0.0322664
        // B = 1/62        = 0.0161290
        // D = 1/63        = 0.0158730
        var fused = RrfFusion.Fuse([Hit(A, 9), Hit(B, 8), Hit(C, 7)], [Hit(C, 0.9), Hit(A, 0.8), Hit(D, 0.7)], 60, 1, 1);

        Assert.Equal(["A", "C", "B", "D"], fused.Select(f => f.Chunk.Text));
        Assert.Equal(1.0 / 61 + 1.0 / 62, fused[0].Score, 12);
        Assert.Equal(0.0325224, fused[0].Score, 6);
        Assert.Equal(0.0322664, fused[1].Score, 6);
        Assert.Equal((9.0, 0.8), (fused[0].LexicalScore!.Value, fused[0].DenseScore!.Value));
        Assert.Null(fused[2].DenseScore);
        Assert.Null(fused[3].LexicalScore);
    }

    [Fact]
    public void Weights_shift_the_order()
    {
        // lexical weight 0.5, dense weight 2:
        // C = 0.5/63 + 2/61 = 0.0079365 + 0.0327869 = 0.0407234
        // A = 0.5/61 + 2/62 = 0.0081967 + 0.0322581 = 0.0404548
        // D = 2/63          = 0.0317460
        // B = 0.5/62        = 0.0080645
        var fused = RrfFusion.Fuse([Hit(A, 9), Hit(B, 8), Hit(C, 7)], [Hit(C, 0.9), Hit(A, 0.8), Hit(D, 0.7)], 60, 0.5, 2);

        Assert.Equal(["C", "A", "D", "B"], fused.Select(f => f.Chunk.Text));
        Assert.Equal(0.0407234, fused[0].Score, 6);
    }

    [Fact]
    public void Equal_scores_are_ordered_by_best_single_rank()
    {
        // B: 1/62 + 1/62 = 0.032258 ; A: 1/61 only, C: 1/61 only... with k = 0 the arithmetic is simpler:
        // lexical: A, B  dense: C, B  k = 0  →  A = 1, C = 1, B = 1/2 + 1/2 = 1. All tie; A and C have best rank 1, B has 2.
        var fused = RrfFusion.Fuse([Hit(A, 2), Hit(B, 1)], [Hit(C, 2), Hit(B, 1)], 0, 1, 1);

        Assert.All(fused, f => Assert.Equal(1.0, f.Score, 12));
        Assert.Equal("B", fused[2].Chunk.Text);
    }
}
