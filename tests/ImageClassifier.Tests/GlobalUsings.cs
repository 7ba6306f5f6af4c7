global using Xunit;
global using ImageClassifier.Testing;
