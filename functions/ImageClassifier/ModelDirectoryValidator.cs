using ImageClassifier.Models;
using Microsoft.Extensions.Options;

namespace ImageClassifier;

/// <summary>
/// Stops a host at start-up when the model directory or its files are missing, with a message naming the setting.
/// Deeper problems (labels that do not match the graph) surface at warm-up, where health answers 503.
/// </summary>
internal sealed class ModelDirectoryValidator : IValidateOptions<ClassifierOptions>
{
    public ValidateOptionsResult Validate(string? name, ClassifierOptions options) =>
        ModelFiles.FindMissing(options.ResolveModelDirectory()) is { } missing
            ? ValidateOptionsResult.Fail(missing)
            : ValidateOptionsResult.Success;
}
