using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Device;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.Tests.Support;

/// <summary>
/// The device flow (RFC 8628) as a device and its user take it: a device client, the device authorization request,
/// the device's polls, and the /device page driven like a browser (Continue, then Allow or Decline).
/// </summary>
public static class DeviceFlow
{
    public sealed record Started(string DeviceCode, string UserCode, string VerificationUri, string VerificationUriComplete, int Interval);

    /// <summary>
    /// A public client (no secret) allowed the device grant; its name and description are those the page shows. The grant
    /// type is set in the database (the developer UI for it is built elsewhere).
    /// </summary>
    public static async Task<string> ClientAsync(PortalFactory factory)
    {
        var owner = await TestUsers.CreateAsync(factory, Unique.Email("owner"));
        var client = await TestClients.RegisterAsync(factory, owner.Id, ClientType.Public);
        await factory.WithScopeAsync(s => s.GetRequiredService<PortalDbContext>().Clients.Where(c => c.Id == client.ClientId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.AllowedGrantTypes, $"{P.GrantDeviceCode} {P.GrantRefreshToken}")));
        return client.ClientId;
    }

    /// <summary>The device's request (RFC 8628 §3.1), which must succeed.</summary>
    public static async Task<Started> StartAsync(HttpClient http, string clientId, string scope = "profile")
    {
        var reply = await TokenEndpoint.PostAsync(http, "/oauth2/device_authorization",
            new Dictionary<string, string> { [P.ClientId] = clientId, [P.Scope] = scope });
        Html.AssertStatus(HttpStatusCode.OK, reply.Response);
        return new Started(reply[P.DeviceCode]!, reply[P.UserCode]!, reply[P.VerificationUri]!, reply[P.VerificationUriComplete]!,
            int.Parse(reply[P.Interval]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>One poll of the token endpoint (RFC 8628 §3.4).</summary>
    public static Task<TokenEndpoint.Reply> PollAsync(HttpClient http, string clientId, string deviceCode) =>
        TokenEndpoint.TokenAsync(http, new Dictionary<string, string>
        {
            [P.GrantType] = P.GrantDeviceCode, [P.DeviceCode] = deviceCode, [P.ClientId] = clientId,
        });

    /// <summary>A code of the right shape that names no request (one chance in 25 billion of naming a live one).</summary>
    public static string WrongCode() => UserCode.Format(UserCode.New());

    /// <summary>Opens /device and sends <paramref name="typed"/> with Continue.</summary>
    public static async Task<HttpResponseMessage> ContinueAsync(HttpClient browser, string typed)
    {
        var (response, page) = await Html.GetPageAsync(browser, "/device");
        Html.AssertStatus(HttpStatusCode.OK, response);
        return await Html.SubmitAsync(browser, page.Form("form[data-test=device-code-form]"), new Dictionary<string, string> { [P.UserCode] = typed });
    }

    /// <summary>Continue with <paramref name="typed"/>, then press <paramref name="button"/> (<c>allow</c> or <c>deny</c>) on the request shown.</summary>
    public static async Task<HttpResponseMessage> DecideAsync(HttpClient browser, string typed, string button)
    {
        var shown = await ContinueAsync(browser, typed);
        Html.AssertStatus(HttpStatusCode.OK, shown);
        return await PressAsync(browser, await Html.ParseAsync(shown), button);
    }

    /// <summary>Presses <paramref name="button"/> on a request the page shows.</summary>
    public static Task<HttpResponseMessage> PressAsync(HttpClient browser, IHtmlDocument page, string button)
    {
        var form = page.Form("form[data-test=device-consent-form]");
        return Html.SubmitAsync(browser, form, submitter: form.QuerySelector<IHtmlButtonElement>($"button[data-test={button}]")!);
    }
}
