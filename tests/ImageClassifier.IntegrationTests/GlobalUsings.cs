global using System.Net;
global using System.Text.Json;
global using ImageClassifier.IntegrationTests.Support;
global using Xunit;
global using ImageClassifier.Testing;
