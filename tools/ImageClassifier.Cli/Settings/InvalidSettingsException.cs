namespace ImageClassifier.Cli.Settings;

/// <summary>A setting or command-line option the engine's validation refused; the message names it. Exit code 2.</summary>
public sealed class InvalidSettingsException(string message, Exception? inner = null) : Exception(message, inner);
