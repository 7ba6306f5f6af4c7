using ImageClassifier.Models;
using Microsoft.Extensions.Options;

namespace ImageClassifier;

/// <summary>
/// Stops a host at start-up when the model directory or its files are missing, with a message naming the setting.
/// Deeper problems (labels that do not match the graph) surface at warm-up, where health answers 503 with the reason.
/// </summary>
internal sealed class ModelDirectoryValidator : IValidateOptions<ClassifierOptions>
{
    public ValidateOptionsResult Validate(string? name, ClassifierOptions options)
    {
        var directory = options.ResolveModelDirectory();
        if (!Directory.Exists(directory))
        {
            return ValidateOptionsResult.Fail(
                $"Model directory '{directory}' does not exist. Set Classifier:ModelDirectory (environment Classifier__ModelDirectory) to a folder with {ModelFiles.ModelFileName} and {ModelFiles.LabelsFileName}.");
        }

        var missing = new[] { ModelFiles.ModelFileName, ModelFiles.LabelsFileName }.Where(f => !File.Exists(Path.Combine(directory, f))).ToArray();
        return missing.Length == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Model directory '{directory}' (Classifier:ModelDirectory) lacks {string.Join(" and ", missing)}.");
    }
}
