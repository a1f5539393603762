using System.CommandLine;
using RagSystem.Answering;

namespace RagSystem.Cli;

/// <summary><c>rag chat</c>: an interactive conversation over the documents. Each follow-up is rewritten into a standalone
/// question from the conversation before retrieval, so "and how is it trained?" searches for what "it" refers to.</summary>
internal static class ChatCommand
{
    private static readonly Option<string?> Docs = new("--docs") { Description = "Folder to answer from; its index is brought up to date first (incrementally)" };
    private static readonly Option<int?> Top = new Option<int?>("--top", "-k") { Description = "Passages to retrieve per question (default: Retrieval:Top, 8)" }.MustBePositive();

    public static Command Create()
    {
        var command = new Command("chat", "Ask questions in a conversation; follow-ups may refer to earlier turns. Type 'exit' or press Ctrl+D to leave.") { Docs, Top };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = RagHost.Create(parse);
            if (!await AskCommand.OpenIndexAsync(host, parse.GetValue(Docs), ct)) return ExitCodes.Error;
            var answerer = host.Answerer;
            host.PrintModelNotices();
            var rewriter = new QuestionRewriter(host.Models.ChatClient);
            var options = new AskOptions { Retrieval = host.Options.Retrieval with { Top = parse.GetValue(Top) ?? host.Options.Retrieval.Top } };
            var history = new List<ConversationTurn>();
            var interactive = !Console.IsInputRedirected;
            if (interactive) host.Notice("Ask a question (exit or Ctrl+D to leave).");

            while (!ct.IsCancellationRequested)
            {
                if (interactive) Console.Out.Write("> ");
                var line = await Console.In.ReadLineAsync(ct);
                if (line is null) break;
                line = line.Trim();
                if (line.Length == 0) continue;
                if (line is "exit" or "quit" or "/exit" or "/quit") break;

                var question = history.Count == 0 ? line : await rewriter.RewriteAsync(line, history, ct);
                if (!string.Equals(question, line, StringComparison.Ordinal)) host.Notice($"(searching for: {question})");
                Answer? answer = null;
                await foreach (var update in answerer.AskStreamingAsync(question, options, ct))
                {
                    if (update.Text is { } piece) Console.Out.Write(piece);
                    answer = update.Answer ?? answer;
                }
                Console.Out.WriteLine();
                AnswerPrinter.PrintSources(host, answer!);
                Console.Out.WriteLine();
                history.Add(new ConversationTurn(line, answer!.Text));
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
