// Decode speed of our DecoderSession against ONNX Runtime GenAI on the same model file, alternating rounds in one run.
// Usage: dotnet run -c Release --project bench/RagSystem.GenAiBenchmark -- [kind ...] [--prompt N] [--steps N] [--rounds N] [--intra N] [--spin] [--profile]
using RagSystem.GenAiBenchmark;

await GenAiComparison.RunAsync(args);
