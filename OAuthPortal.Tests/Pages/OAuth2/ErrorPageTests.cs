using System.Net;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.OAuth2;

/// <summary>/oauth2/error: djoauth2's missing_redirect_uri page.</summary>
public sealed class ErrorPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("unknown_client", "not registered")]
    [InlineData("redirect_uri_not_registered", "has not registered")]
    public async Task Get_KnownReason_Is400WithThePlainExplanation(string reason, string expected)
    {
        var (response, page) = await Html.GetPageAsync(factory.CreateClient(), $"/oauth2/error?reason={reason}");

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.Null(response.Headers.Location);
        Assert.Contains(expected, page.QuerySelector("[data-test=oauth-error-message]")!.TextContent);
    }

    [Fact]
    public async Task Get_ReasonWithArbitraryText_NeverReflectsIt()
    {
        var (response, page) = await Html.GetPageAsync(factory.CreateClient(), "/oauth2/error?reason=%3Cscript%3Ecall%20us%3C%2Fscript%3E");

        Html.AssertStatus(HttpStatusCode.BadRequest, response);
        Assert.Equal("malformed_request", page.QuerySelector("[data-test=oauth-error]")!.GetAttribute("data-reason"));
        Assert.DoesNotContain("call us", page.Body!.TextContent);
    }
}
