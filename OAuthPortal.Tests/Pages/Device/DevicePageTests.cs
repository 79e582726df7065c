using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Authorization;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Pages.Device;

/// <summary>
/// /device, the verification URI of the device flow (RFC 8628 §3.3): sign in, type (or confirm) the code, see who asks
/// for what, allow or decline; the device's polls tell the outcome. The limits on wrong codes are in <see cref="UserCodeLimitTests"/>.
/// </summary>
public sealed class DevicePageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(HttpClient Browser, string ClientId, DeviceFlow.Started Device)> UserAndDeviceAsync()
    {
        var clientId = await DeviceFlow.ClientAsync(factory);
        var device = await DeviceFlow.StartAsync(factory.CreateClient(), clientId);
        var browser = await SignIn.ClientForAsync(factory, (await TestUsers.CreateAsync(factory)).Email!);
        return (browser, clientId, device);
    }

    [Fact]
    public async Task Device_Anonymous_GoesToLoginAndComesBackWithTheCode()
    {
        var (_, _, device) = await UserAndDeviceAsync();
        var anonymous = factory.CreateClient();
        var user = await TestUsers.CreateAsync(factory);

        var first = await anonymous.GetAsync(device.VerificationUriComplete);
        var loginUrl = new Uri(anonymous.BaseAddress!, first.Headers.Location!);
        var returnUrl = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(loginUrl.Query)["ReturnUrl"].ToString();
        var login = await SignIn.PostLoginAsync(anonymous, user.Email!, TestUsers.Password, returnUrl);
        var (back, page) = await Html.GetPageAsync(anonymous, login.Headers.Location!.OriginalString);

        Html.AssertStatus(HttpStatusCode.Redirect, first);
        Assert.Equal("/Identity/Account/Login", loginUrl.AbsolutePath);
        Assert.Equal($"/device?user_code={device.UserCode}", returnUrl);
        Html.AssertStatus(HttpStatusCode.OK, back);
        Assert.Equal(device.UserCode, page.QuerySelector<IHtmlInputElement>("input[name=user_code]")!.Value);
    }

    [Fact]
    public async Task Device_CodeFromTheCompleteUri_IsPrefilledAndStillAskedToConfirm()
    {
        var (browser, clientId, device) = await UserAndDeviceAsync();

        var (response, page) = await Html.GetPageAsync(browser, device.VerificationUriComplete);
        var poll = await DeviceFlow.PollAsync(factory.CreateClient(), clientId, device.DeviceCode);

        Html.AssertStatus(HttpStatusCode.OK, response);
        var input = page.Form("form[data-test=device-code-form]").QuerySelector<IHtmlInputElement>("input[name=user_code]")!;
        Assert.Equal(("text", device.UserCode, "off", "characters"), (input.Type, input.Value, input.GetAttribute("autocomplete"), input.GetAttribute("autocapitalize")));
        Assert.NotNull(page.QuerySelector("[data-test=prefilled-hint]"));
        Assert.Null(page.QuerySelector("[data-test=device-consent-form]"));
        Assert.Equal("authorization_pending", poll["error"]);
    }

    [Fact]
    public async Task Device_WithoutACodeInTheLink_ShowsAnEmptyFieldAndNoHint()
    {
        var (browser, _, _) = await UserAndDeviceAsync();

        var (response, page) = await Html.GetPageAsync(browser, "/device");

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal("", page.QuerySelector<IHtmlInputElement>("input[name=user_code]")!.Value);
        Assert.Null(page.QuerySelector("[data-test=prefilled-hint]"));
    }

    [Theory]
    [InlineData("lower")]
    [InlineData("no-dash")]
    [InlineData("spaces")]
    public async Task Device_CodeInAnyCaseWithOrWithoutTheDash_ShowsTheRequestToConfirm(string variant)
    {
        var (browser, clientId, device) = await UserAndDeviceAsync();
        var typed = variant switch
        {
            "lower" => device.UserCode.ToLowerInvariant(),
            "no-dash" => device.UserCode.Replace("-", ""),
            _ => " " + device.UserCode.Replace("-", " ") + " ",
        };

        var response = await DeviceFlow.ContinueAsync(browser, typed);
        var page = await Html.ParseAsync(response);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Equal(device.UserCode, page.QuerySelector("[data-test=device-user-code]")!.TextContent.Trim());
        Assert.Equal(clientId, page.QuerySelector("[data-test=client-card]")!.GetAttribute("data-client-id"));
        Assert.NotNull(page.QuerySelector("[data-test=scope][data-scope=profile]"));
        Assert.Contains("only continue if you started this on a device you own", page.QuerySelector("[data-test=anti-phishing]")!.TextContent,
            StringComparison.OrdinalIgnoreCase);
        Assert.Equal(device.UserCode, page.Form("form[data-test=device-consent-form]").QuerySelector<IHtmlInputElement>("input[name=user_code]")!.Value);
    }

    [Fact]
    public async Task Device_TheRequestShown_NamesTheClientItsDescriptionAndOwner()
    {
        var (browser, _, device) = await UserAndDeviceAsync();

        var page = await Html.ParseAsync(await DeviceFlow.ContinueAsync(browser, device.UserCode));

        Assert.StartsWith("client-", page.QuerySelector("[data-test=client-name]")!.TextContent.Trim());
        Assert.Equal("A test client", page.QuerySelector("[data-test=client-description]")!.TextContent.Trim());
        Assert.StartsWith("Registered by owner-", page.QuerySelector("[data-test=client-owner]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Device_UnknownCode_ShowsAFriendlyErrorAndTheFormAgain()
    {
        var (browser, _, _) = await UserAndDeviceAsync();

        var response = await DeviceFlow.ContinueAsync(browser, DeviceFlow.WrongCode());
        var page = await Html.ParseAsync(response);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Contains("not valid", page.QuerySelector("[data-test=code-error]")!.TextContent);
        Assert.NotNull(page.QuerySelector("form[data-test=device-code-form]"));
        Assert.Null(page.QuerySelector("[data-test=device-consent-form]"));
    }

    [Fact]
    public async Task Device_ExpiredCode_ShowsAFriendlyError()
    {
        using var own = new PortalFactory(); // its clock moves
        var clientId = await DeviceFlow.ClientAsync(own);
        var device = await DeviceFlow.StartAsync(own.CreateClient(), clientId);
        var browser = await SignIn.ClientForAsync(own, (await TestUsers.CreateAsync(own)).Email!);
        own.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1)); // OAuth:DeviceCodeLifetime

        var response = await DeviceFlow.ContinueAsync(browser, device.UserCode);
        var page = await Html.ParseAsync(response);

        Html.AssertStatus(HttpStatusCode.OK, response);
        Assert.Contains("expired", page.QuerySelector("[data-test=code-error]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-test=device-consent-form]"));
    }

    [Fact]
    public async Task Device_EmptyCode_AsksForIt()
    {
        var (browser, _, _) = await UserAndDeviceAsync();

        var page = await Html.ParseAsync(await DeviceFlow.ContinueAsync(browser, "  "));

        Assert.Equal("Enter the code your device shows.", page.QuerySelector("[data-test=code-error]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Device_Declined_ThePollGetsAccessDenied()
    {
        var (browser, clientId, device) = await UserAndDeviceAsync();

        var response = await DeviceFlow.DecideAsync(browser, device.UserCode, "deny");
        var (_, done) = await Html.GetPageAsync(browser, response.Headers.Location!.OriginalString);
        var poll = await DeviceFlow.PollAsync(factory.CreateClient(), clientId, device.DeviceCode);

        Html.AssertStatus(HttpStatusCode.Redirect, response);
        Assert.Equal("/device/done/denied", response.Headers.Location.OriginalString);
        Assert.Equal("The request was declined", done.QuerySelector("[data-test=device-done]")!.TextContent.Trim());
        Assert.Equal("access_denied", poll["error"]);
    }

    [Fact]
    public async Task Device_Allowed_ThePollGetsTokensThatCallTheApi()
    {
        var (browser, clientId, device) = await UserAndDeviceAsync();

        var response = await DeviceFlow.DecideAsync(browser, device.UserCode, "allow");
        var (_, done) = await Html.GetPageAsync(browser, response.Headers.Location!.OriginalString);
        var poll = await DeviceFlow.PollAsync(factory.CreateClient(), clientId, device.DeviceCode);
        var me = await ApiCalls.GetAsync(factory.CreateClient(), "/api/me", poll["access_token"]);

        Assert.Equal("/device/done/approved", response.Headers.Location.OriginalString);
        Assert.Equal("You can return to your device", done.QuerySelector("[data-test=device-done]")!.TextContent.Trim());
        Html.AssertStatus(HttpStatusCode.OK, poll.Response);
        Html.AssertStatus(HttpStatusCode.OK, me);
    }

    [Fact]
    public async Task Device_AnsweredMeanwhile_TheSecondAnswerIsAFriendlyError()
    {
        var (browser, clientId, device) = await UserAndDeviceAsync();
        var page = await Html.ParseAsync(await DeviceFlow.ContinueAsync(browser, device.UserCode));
        Html.AssertStatus(HttpStatusCode.Redirect, await DeviceFlow.PressAsync(browser, page, "allow"));

        var again = await DeviceFlow.PressAsync(browser, page, "deny");
        var poll = await DeviceFlow.PollAsync(factory.CreateClient(), clientId, device.DeviceCode);

        Html.AssertStatus(HttpStatusCode.OK, again);
        Assert.NotNull((await Html.ParseAsync(again)).QuerySelector("[data-test=code-error]"));
        Html.AssertStatus(HttpStatusCode.OK, poll.Response); // the first answer stands
    }

    [Fact]
    public async Task Device_AnswersRepeatedAfterTheFirst_AreNoGuessesAndNeverLockOut()
    {
        var (browser, _, device) = await UserAndDeviceAsync();
        var page = await Html.ParseAsync(await DeviceFlow.ContinueAsync(browser, device.UserCode));
        Html.AssertStatus(HttpStatusCode.Redirect, await DeviceFlow.PressAsync(browser, page, "allow"));

        var repeats = new List<HttpResponseMessage>();
        for (var i = 0; i < 7; i++) // more than OAuth:UserCodeAttempts:PerUser (5)
        {
            repeats.Add(await DeviceFlow.PressAsync(browser, page, "allow"));
        }

        Assert.All(repeats, r => Html.AssertStatus(HttpStatusCode.OK, r));
        Assert.Contains("no longer waits", (await Html.ParseAsync(repeats[^1])).QuerySelector("[data-test=code-error]")!.TextContent);
    }

    [Fact]
    public async Task Device_ConsentRememberedForTheClient_StillAsksToConfirm()
    {
        var clientId = await DeviceFlow.ClientAsync(factory);
        var user = await TestUsers.CreateAsync(factory);
        await factory.WithScopeAsync(async s => await s.GetRequiredService<RememberedConsent>().RecordAsync(
            user.Id, clientId, await s.GetRequiredService<PortalDbContext>().Scopes.Where(x => x.Name == "profile").ToListAsync()));
        var device = await DeviceFlow.StartAsync(factory.CreateClient(), clientId);
        var browser = await SignIn.ClientForAsync(factory, user.Email!);

        var page = await Html.ParseAsync(await DeviceFlow.ContinueAsync(browser, device.UserCode));
        var poll = await DeviceFlow.PollAsync(factory.CreateClient(), clientId, device.DeviceCode);

        Assert.NotNull(page.QuerySelector("form[data-test=device-consent-form]"));
        Assert.Equal("authorization_pending", poll["error"]);
    }

    [Fact]
    public async Task Device_FormsWithoutTheAntiforgeryToken_AreRefused()
    {
        var (browser, clientId, device) = await UserAndDeviceAsync();
        var form = new Dictionary<string, string> { ["user_code"] = device.UserCode };

        var continued = await browser.PostAsync("/device", new FormUrlEncodedContent(form));
        var allowed = await browser.PostAsync("/device?handler=Allow", new FormUrlEncodedContent(form));
        var poll = await DeviceFlow.PollAsync(factory.CreateClient(), clientId, device.DeviceCode);

        Html.AssertStatus(HttpStatusCode.BadRequest, continued);
        Html.AssertStatus(HttpStatusCode.BadRequest, allowed);
        Assert.Equal("authorization_pending", poll["error"]);
    }

    [Fact]
    public async Task Device_EveryStep_IsNotStored()
    {
        var (browser, _, device) = await UserAndDeviceAsync();

        var form = await browser.GetAsync(device.VerificationUriComplete);
        var request = await DeviceFlow.ContinueAsync(browser, device.UserCode);
        var done = await browser.GetAsync((await DeviceFlow.PressAsync(browser, await Html.ParseAsync(request), "allow")).Headers.Location);

        Assert.All(new[] { form, request, done }, r => Assert.True(r.Headers.CacheControl?.NoStore, r.RequestMessage!.RequestUri!.ToString()));
    }

    [Fact]
    public async Task Home_DeviceLink_IsTheVerificationUri()
    {
        var (_, page) = await Html.GetPageAsync(factory.CreateClient(), "/");

        Assert.Equal("/device", page.QuerySelector("[data-test=device-link]")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/device/done/pending")]
    [InlineData("/device/done/1")]
    [InlineData("/device/done/nonsense")]
    public async Task DeviceDone_UnknownOutcome_Is404(string path)
    {
        var (browser, _, _) = await UserAndDeviceAsync();

        Html.AssertStatus(HttpStatusCode.NotFound, await browser.GetAsync(path));
    }
}
