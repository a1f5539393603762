using RagSystem.Cli;

return await RagCommandLine.InvokeAsync(args);
