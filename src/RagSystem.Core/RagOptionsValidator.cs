using Microsoft.Extensions.Options;

namespace RagSystem;

/// <summary>Runs <see cref="RagOptions.Validate"/> for the options system, so a bad setting fails at start with one line
/// naming the key instead of deep inside a request.</summary>
internal sealed class RagOptionsValidator : IValidateOptions<RagOptions>
{
    public ValidateOptionsResult Validate(string? name, RagOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (RagConfigurationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
