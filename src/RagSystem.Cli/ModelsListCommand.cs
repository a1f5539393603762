using System.CommandLine;
using System.Text.Json;
using RagSystem.Models;
using Spectre.Console;

namespace RagSystem.Cli;

/// <summary><c>rag models list [--json]</c>: the catalogue, with what is installed under the models folder.</summary>
internal static class ModelsListCommand
{
    private static readonly Option<bool> Json = new("--json") { Description = "Print the list as JSON on stdout" };

    public static Command Create()
    {
        var command = new Command("list", "Show the models rag can pull and which are installed");
        command.Options.Add(Json);
        command.SetAction(async (ParseResult parse, CancellationToken ct) =>
        {
            using var host = RagHost.Create(parse);
            var rows = new List<(ModelCatalogEntry Entry, ModelInstallState State)>();
            foreach (var entry in ModelCatalog.Entries)
            {
                ModelInstallState state;
                try
                {
                    state = await ModelInstallation.InspectAsync(entry, host.Options.ModelsDirectory, ct);
                }
                catch (ModelDownloadException ex)
                {
                    host.Error(ex.Message);
                    state = ModelInstallState.OtherModel;
                }
                rows.Add((entry, state));
            }
            if (parse.GetValue(Json)) WriteJson(host, rows);
            else WriteTable(host, rows);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteTable(RagHost host, List<(ModelCatalogEntry Entry, ModelInstallState State)> rows)
    {
        var table = new Table().AddColumns("name", "role", "size", "installed", "licence");
        foreach (var (entry, state) in rows)
        {
            var installed = state switch
            {
                ModelInstallState.Installed => "[green]yes[/]",
                ModelInstallState.OtherModel => "[yellow]no[/] [grey](folder holds another model)[/]",
                ModelInstallState.HandPlaced => "[green]yes[/] [grey](placed by hand)[/]",
                _ => "no",
            };
            table.AddRow(Markup.Escape(entry.Name), entry.RoleFolder, "~" + ModelsCommand.FormatSize(entry.ApproximateSize), installed,
                Markup.Escape(entry.License));
        }
        host.Out.Write(table);
        host.Notice($"models folder: {host.Options.ModelsDirectory}; install one with: rag models pull <name>");
    }

    private static void WriteJson(RagHost host, List<(ModelCatalogEntry Entry, ModelInstallState State)> rows)
    {
        var items = rows.Select(r => new
        {
            name = r.Entry.Name,
            role = r.Entry.RoleFolder,
            repository = r.Entry.Repository,
            revision = r.Entry.Revision,
            approximate_size_bytes = r.Entry.ApproximateSize,
            license = r.Entry.License,
            installed = r.State is ModelInstallState.Installed or ModelInstallState.HandPlaced,
            state = r.State switch
            {
                ModelInstallState.Installed => "installed",
                ModelInstallState.OtherModel => "other_model",
                ModelInstallState.HandPlaced => "hand_placed",
                _ => "not_installed",
            },
            directory = ModelInstallation.TargetDirectory(r.Entry, host.Options.ModelsDirectory),
            description = r.Entry.Description,
        });
        // Plain Console.Out, not Spectre, so the JSON is never wrapped or styled.
        Console.Out.WriteLine(JsonSerializer.Serialize(items, new JsonSerializerOptions { WriteIndented = true }));
    }
}
