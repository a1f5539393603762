namespace RagSystem.Api.OpenAi;

/// <summary>An OpenAI model list.</summary>
/// <param name="Object">Always <c>list</c>.</param>
/// <param name="Data">The models.</param>
public sealed record ModelListJson(string Object, IReadOnlyList<ModelJson> Data);

/// <summary>One model.</summary>
/// <param name="Id">The name to pass as <c>model</c>.</param>
/// <param name="Object">Always <c>model</c>.</param>
/// <param name="Created">Unix seconds (the service's start).</param>
/// <param name="OwnedBy">Always <c>ragsystem</c>.</param>
public sealed record ModelJson(string Id, string Object, long Created, string OwnedBy);
