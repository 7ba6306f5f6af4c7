global using System.Text.Json;
global using ImageClassifier.Cli.Tests.Support;
global using ImageClassifier.Testing;
global using Xunit;
