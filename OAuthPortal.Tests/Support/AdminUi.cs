namespace OAuthPortal.Tests.Support;

/// <summary>An administrator's browser, and the pieces admin tests share.</summary>
public static class AdminUi
{
    public static async Task<(HttpClient Browser, string Email)> AdminAsync(PortalFactory factory)
    {
        var admin = await TestUsers.CreateAsync(factory, admin: true);
        return (await SignIn.ClientForAsync(factory, admin.Email!), admin.Email!);
    }

    /// <summary>Presses a button found by its data-test value on a page (its form's antiforgery token included).</summary>
    public static Task<HttpResponseMessage> PressAsync(HttpClient browser, string pageUrl, string buttonTest) =>
        DeveloperUi.PressAsync(browser, pageUrl, buttonTest);

    /// <summary>The Tokens page's "Revoke every token of a user": the e-mail typed in, the confirmation confirmed.</summary>
    public static Task<HttpResponseMessage> RevokeAllOfUserAsync(HttpClient admin, string email) =>
        AskedOrDoneAsync(admin, $"/Admin/Tokens?handler=RevokeUser&email={Uri.EscapeDataString(email)}");

    /// <summary>The Tokens page's "Revoke every token of a client": the client_id typed in, the confirmation confirmed.</summary>
    public static Task<HttpResponseMessage> RevokeAllOfClientAsync(HttpClient admin, string clientId) =>
        AskedOrDoneAsync(admin, $"/Admin/Tokens?handler=RevokeClient&clientId={Uri.EscapeDataString(clientId)}");

    /// <summary>Confirms the confirmation at <paramref name="url"/>; a redirect instead (nothing to confirm: refused input) is returned as it is.</summary>
    private static async Task<HttpResponseMessage> AskedOrDoneAsync(HttpClient admin, string url)
    {
        var asked = await admin.GetAsync(url);
        return asked.StatusCode == System.Net.HttpStatusCode.OK ? await DeveloperUi.ConfirmAsync(admin, url) : asked;
    }

    /// <summary>A signed-in user holding an access token with "profile" for a fresh client (through the real flow).</summary>
    public static async Task<(OAuthScenario Scenario, string AccessToken)> UserWithTokenAsync(PortalFactory factory)
    {
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 1, sharedScopes: ["profile"]);
        return (scenario, (await TokenEndpoint.ObtainTokensAsync(scenario))["access_token"]!);
    }
}
