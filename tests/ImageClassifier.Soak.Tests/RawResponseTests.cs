using System.Text;
using ImageClassifier.Soak.Hostile;

namespace ImageClassifier.Soak.Tests;

public sealed class RawResponseTests
{
    [Fact]
    public void A_response_with_content_length_is_read_to_that_length()
    {
        var bytes = Encoding.Latin1.GetBytes("HTTP/1.1 404 Not Found\r\nContent-Type: application/problem+json\r\nContent-Length: 15\r\n\r\n{\"code\":\"gone\"}extra");

        var response = RawResponse.TryParse(bytes, ended: false);

        Assert.NotNull(response);
        Assert.Equal(404, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal("{\"code\":\"gone\"}", Encoding.UTF8.GetString(response.Body));
    }

    [Fact]
    public void A_chunked_response_is_dechunked()
    {
        var bytes = Encoding.Latin1.GetBytes("HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n");

        var response = RawResponse.TryParse(bytes, ended: false);

        Assert.Equal("hello world", Encoding.UTF8.GetString(response!.Body));
    }

    [Fact]
    public void An_incomplete_response_is_not_parsed_until_the_stream_ends()
    {
        var headOnly = Encoding.Latin1.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        var unfinishedChunks = Encoding.Latin1.GetBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel");

        Assert.Null(RawResponse.TryParse(headOnly, ended: false));
        Assert.Null(RawResponse.TryParse(unfinishedChunks, ended: false));
        Assert.Null(RawResponse.TryParse("HTTP/1.1 200 OK\r\n"u8, ended: true));
        Assert.Equal("abc", Encoding.UTF8.GetString(RawResponse.TryParse(headOnly, ended: true)!.Body));
    }

    [Fact]
    public void An_interim_100_continue_is_skipped_for_the_final_response()
    {
        var bytes = Encoding.Latin1.GetBytes("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\n\r\n");

        Assert.Equal(413, RawResponse.TryParse(bytes, ended: false)!.Status);
    }

    [Fact]
    public void A_body_without_a_declared_length_runs_to_the_end_of_the_stream()
    {
        var bytes = Encoding.Latin1.GetBytes("HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n");

        Assert.Null(RawResponse.TryParse(bytes, ended: false));
        var response = RawResponse.TryParse(bytes, ended: true);
        Assert.Equal(431, response!.Status);
        Assert.Empty(response.Body);
    }

    [Fact]
    public void Something_that_is_not_http_is_rejected()
    {
        Assert.Throws<FormatException>(() => RawResponse.TryParse("SSH-2.0-OpenSSH\r\n\r\n"u8, ended: true));
    }
}
