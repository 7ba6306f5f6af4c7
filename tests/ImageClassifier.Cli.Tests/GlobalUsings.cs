global using ImageClassifier.Cli.Tests.Support;
global using ImageClassifier.Testing;
global using Xunit;
