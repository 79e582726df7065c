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

    /// <summary>A signed-in user holding an access token with "profile" for a fresh client (through the real flow).</summary>
    public static async Task<(OAuthScenario Scenario, string AccessToken)> UserWithTokenAsync(PortalFactory factory)
    {
        var scenario = await OAuthScenario.CreateAsync(factory, scopeCount: 1, sharedScopes: ["profile"]);
        return (scenario, (await TokenEndpoint.ObtainTokensAsync(scenario))["access_token"]!);
    }
}
