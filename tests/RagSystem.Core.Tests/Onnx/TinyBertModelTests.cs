using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RagSystem.Testing;
using RagSystem.Testing.Onnx;

namespace RagSystem.Core.Tests.Onnx;

public sealed class TinyBertModelTests
{
    private static float[] Run(InferenceSession session, long[][] rows, bool maskPadding = true, string output = TinyBertModel.OutputName)
    {
        var seq = rows.Max(r => r.Length);
        var ids = new long[rows.Length * seq];
        var mask = new long[ids.Length];
        for (var b = 0; b < rows.Length; b++)
        {
            for (var t = 0; t < seq; t++)
            {
                ids[b * seq + t] = t < rows[b].Length ? rows[b][t] : 0;
                mask[b * seq + t] = t < rows[b].Length || !maskPadding ? 1 : 0;
            }
        }
        long[] shape = [rows.Length, seq];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        var names = session.InputMetadata.Keys.ToArray();
        var values = names.Select(n => n switch { "input_ids" => idsValue, "attention_mask" => maskValue, _ => typesValue }).ToArray();
        using var results = session.Run(new RunOptions(), names, values, [output]);
        return results[0].GetTensorTypeAndShape().ElementDataType == TensorElementType.Float16
            ? results[0].GetTensorDataAsSpan<Float16>().ToArray().Select(h => (float)h).ToArray()
            : results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static readonly long[][] Rows = [[2, 60, 61, 62, 63, 64, 3], [2, 70, 3], [2, 80, 81, 82, 3]];

    [Fact]
    public void RightPaddingLeavesRealTokenRowsUnchanged()
    {
        using var session = new InferenceSession(TinyBertModel.Build());
        const int hidden = 32;
        var batch = Run(session, Rows);
        var seq = Rows.Max(r => r.Length);
        var maxDiff = 0f;
        for (var b = 0; b < Rows.Length; b++)
        {
            var single = Run(session, [Rows[b]]);
            for (var i = 0; i < single.Length; i++) maxDiff = Math.Max(maxDiff, Math.Abs(single[i] - batch[b * seq * hidden + i]));
        }
        Assert.True(maxDiff <= 1e-5f, $"max |diff| {maxDiff}");

        // Control: without the mask the padding leaks into the short rows, so the mask really is applied.
        var unmasked = Run(session, Rows, maskPadding: false);
        var leak = Enumerable.Range(0, 3 * hidden).Max(i => Math.Abs(unmasked[seq * hidden + i] - batch[seq * hidden + i]));
        Assert.True(leak > 1e-2f, $"unmasked padding changed row 1 by only {leak}");
    }

    [Fact]
    public void SameSeedSameBytesOtherSeedOtherBytes()
    {
        Assert.Equal(TinyBertModel.Build(), TinyBertModel.Build());
        Assert.NotEqual(TinyBertModel.Build(), TinyBertModel.Build(new TinyBertOptions { Seed = 7 }));
    }

    [Fact]
    public void Float16ModelGivesFloat16OutputCloseToFloat32()
    {
        using var fp16 = new InferenceSession(TinyBertModel.Build(new TinyBertOptions { Float16 = true, HasTokenTypeIds = false }));
        Assert.Equal(TensorElementType.Float16, fp16.OutputMetadata[TinyBertModel.OutputName].ElementDataType);
        Assert.DoesNotContain("token_type_ids", fp16.InputMetadata.Keys);
        var values = Run(fp16, [Rows[0]]);
        Assert.All(values, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(7 * 32, values.Length);
    }

    [Fact]
    public void InputsLongerThanThePositionTableFail()
    {
        using var session = new InferenceSession(TinyBertModel.Build(new TinyBertOptions { MaxPositions = 8 }));
        Assert.ThrowsAny<OnnxRuntimeException>(() => Run(session, [Enumerable.Range(10, 9).Select(i => (long)i).ToArray()]));
    }

    [Fact]
    public void CrossEncoderGivesOneLogitPerPairIndependentOfPadding()
    {
        using var session = new InferenceSession(TinyCrossEncoderModel.Build());
        var batch = Run(session, Rows, output: TinyCrossEncoderModel.OutputName);
        Assert.Equal(3, batch.Length);
        for (var b = 0; b < Rows.Length; b++)
        {
            Assert.Equal(Run(session, [Rows[b]], output: TinyCrossEncoderModel.OutputName)[0], batch[b], 5);
        }
        Assert.NotEqual(batch[0], batch[1]);
    }

    [Fact]
    public void FolderWriterLaysOutHuggingFaceFiles()
    {
        using var temp = new TempDirectory();
        var path = TinyModelFolder.WriteEncoder(temp.Path, new TinyModelFolderOptions { SentenceTransformersPooling = "cls" });

        Assert.Equal(Path.Combine(temp.Path, "onnx", "model.onnx"), path);
        foreach (var file in new[] { "config.json", "vocab.txt", "tokenizer.json", "tokenizer_config.json", "modules.json", "1_Pooling/config.json" })
        {
            Assert.True(File.Exists(Path.Combine(temp.Path, file)), file);
        }
        Assert.Equal(TinyBertVocabulary.Tokens, File.ReadAllLines(Path.Combine(temp.Path, "vocab.txt")));
        Assert.Contains("\"pooling_mode_cls_token\": true", File.ReadAllText(Path.Combine(temp.Path, "1_Pooling", "config.json")));
        using var session = new InferenceSession(path);
        Assert.Equal(3, session.InputMetadata.Count);
    }
}
