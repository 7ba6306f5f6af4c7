using System.Globalization;

namespace ImageClassifier.Cli.Settings;

/// <summary>
/// The engine settings a command line gave explicitly. Each becomes a <c>Classifier:*</c> configuration value that wins
/// over <c>Classifier__*</c> environment variables; an option that was not given leaves the setting to them.
/// </summary>
public sealed class SettingOverrides
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The overrides as configuration keys (<c>Classifier:Name</c>) and values.</summary>
    public IReadOnlyDictionary<string, string?> Values => _values;

    /// <summary>Sets <see cref="ClassifierOptions"/> property <paramref name="setting"/> from <paramref name="option"/> when it was given.</summary>
    public SettingOverrides Set<T>(string setting, string option, T? value)
    {
        if (value is not null)
        {
            _values[$"{ClassifierOptions.SectionName}:{setting}"] = Convert.ToString(value, CultureInfo.InvariantCulture);
            _options[setting] = $"{option} {value}";
        }

        return this;
    }

    /// <summary>The command-line options, as given, whose settings a validation message names; empty when it names none.</summary>
    public IEnumerable<string> OptionsNamedIn(string message) =>
        _options.Where(o => message.Contains($"'{o.Key}'", StringComparison.Ordinal) || message.Contains($"field {o.Key} ", StringComparison.Ordinal)
                            || message.Contains($"{ClassifierOptions.SectionName}:{o.Key}", StringComparison.Ordinal))
            .Select(o => o.Value);
}
