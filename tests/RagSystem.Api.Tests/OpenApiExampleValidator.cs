using System.Text.Json;

namespace RagSystem.Api.Tests;

/// <summary>Checks an example against its OpenAPI 3.1 schema: types, required properties, and that every property the
/// example has is declared (unless the schema allows additional properties), following <c>$ref</c>, <c>oneOf</c>,
/// <c>anyOf</c>, <c>allOf</c>, array items and nested objects.</summary>
public sealed class OpenApiExampleValidator(JsonElement document)
{
    private readonly JsonElement _schemas = document.GetProperty("components").GetProperty("schemas");

    /// <summary>The problems found, each with its JSON path; empty when the example fits.</summary>
    public List<string> Validate(JsonElement example, JsonElement schema, string path = "$")
    {
        var errors = new List<string>();
        Check(example, schema, path, errors, depth: 0);
        return errors;
    }

    private void Check(JsonElement value, JsonElement schema, string path, List<string> errors, int depth)
    {
        if (depth > 32) return;
        if (schema.ValueKind != JsonValueKind.Object) return;
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Replace("#/components/schemas/", "", StringComparison.Ordinal);
            if (!_schemas.TryGetProperty(name, out var target)) errors.Add($"{path}: $ref to missing schema {name}");
            else Check(value, target, path, errors, depth + 1);
        }
        foreach (var combinator in new[] { "oneOf", "anyOf" })
        {
            if (!schema.TryGetProperty(combinator, out var branches)) continue;
            var fits = branches.EnumerateArray().Any(b => Validate(value, b, path).Count == 0);
            if (!fits) errors.Add($"{path}: fits none of the {combinator} branches: {value}");
        }
        if (schema.TryGetProperty("allOf", out var all))
            foreach (var part in all.EnumerateArray()) Check(value, part, path, errors, depth + 1);

        if (schema.TryGetProperty("type", out var type) && !TypeFits(value, type))
        {
            errors.Add($"{path}: {value.ValueKind} is not of type {type}");
            return;
        }
        if (value.ValueKind == JsonValueKind.Object) CheckObject(value, schema, path, errors, depth);
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in value.EnumerateArray()) Check(item, items, $"{path}[{i++}]", errors, depth + 1);
        }
    }

    private void CheckObject(JsonElement value, JsonElement schema, string path, List<string> errors, int depth)
    {
        var hasProperties = schema.TryGetProperty("properties", out var properties);
        if (schema.TryGetProperty("required", out var required))
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                if (!value.TryGetProperty(name, out _)) errors.Add($"{path}: required property '{name}' is missing");
        if (!hasProperties) return;
        // Stricter than JSON Schema on purpose: an example may only use declared names unless the schema says otherwise.
        var openEnded = schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind != JsonValueKind.False;
        foreach (var property in value.EnumerateObject())
        {
            if (properties.TryGetProperty(property.Name, out var propertySchema))
                Check(property.Value, propertySchema, $"{path}.{property.Name}", errors, depth + 1);
            else if (!openEnded)
                errors.Add($"{path}: property '{property.Name}' is not in the schema ({string.Join(", ", properties.EnumerateObject().Select(p => p.Name))})");
        }
    }

    private static bool TypeFits(JsonElement value, JsonElement type)
    {
        var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
        return value.ValueKind switch
        {
            JsonValueKind.Null => types.Contains("null"),
            JsonValueKind.String => types.Contains("string"),
            JsonValueKind.True or JsonValueKind.False => types.Contains("boolean"),
            JsonValueKind.Number => types.Contains("number") || (types.Contains("integer") && value.TryGetInt64(out _)),
            JsonValueKind.Array => types.Contains("array"),
            JsonValueKind.Object => types.Contains("object"),
            _ => false,
        };
    }
}
