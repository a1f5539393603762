using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using RagSystem.Api.Hosting;

namespace RagSystem.Cli;

/// <summary><c>rag serve [--urls http://127.0.0.1:5080]</c>: hosts the REST service (the same app as RagSystem.Api) on the
/// same configuration as the other commands: <c>appsettings.json</c>, <c>RAG__*</c> variables, <c>--data</c>, <c>--models</c>.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls")
        {
            Description = $"Addresses to listen on, separated by ';' (default {RagApiServiceCollectionExtensions.DefaultUrl}: loopback only)",
        };
        var command = new Command("serve", "Run the REST API: query, search, ingestion jobs, documents, OpenAI-compatible endpoints.") { urls };
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            var args = new List<string>();
            if (parse.GetValue(urls) is { Length: > 0 } u) args.Add($"--urls={u}");
            if (parse.GetValue(GlobalOptions.Data) is { Length: > 0 } data) args.Add($"--Rag:DataDirectory={Path.GetFullPath(data)}");
            if (parse.GetValue(GlobalOptions.Models) is { Length: > 0 } models) args.Add($"--Rag:ModelsDirectory={Path.GetFullPath(models)}");
            if (parse.GetValue(GlobalOptions.Verbose)) args.Add("--Logging:LogLevel:Default=Debug");
            var builder = WebApplication.CreateBuilder([.. args]);
            builder.AddRagApi();
            await using var app = builder.Build();
            app.UseRagApi();
            app.MapRagApi();
            await app.StartAsync(ct);
            await app.WaitForShutdownAsync(ct);
            return ExitCodes.Success;
        });
        return command;
    }
}
