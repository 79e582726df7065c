using Microsoft.Extensions.DependencyInjection;
using OAuthPortal.OAuth.Device;
using OAuthPortal.OAuth.Oidc;

namespace OAuthPortal.Tests.Support;

/// <summary>The device's side of RFC 8628 over HTTP (authorize, poll), and the user's decision through the core service.</summary>
public static class DeviceFlow
{
    public static Task<TokenEndpoint.Reply> AuthorizeAsync(HttpClient http, string clientId, string? secret, string scope) =>
        TokenEndpoint.PostAsync(http, "/oauth2/device_authorization", Form(clientId, secret, ("scope", scope)));

    public static Task<TokenEndpoint.Reply> PollAsync(HttpClient http, string clientId, string? secret, string deviceCode) =>
        TokenEndpoint.PostAsync(http, "/oauth2/token", Form(clientId, secret, ("grant_type", MachineGrants.DeviceCode), ("device_code", deviceCode)));

    public static Task<bool> ApproveAsync(PortalFactory factory, string userCode, string userId) =>
        factory.WithScopeAsync(s => s.GetRequiredService<DeviceVerification>()
            .ApproveAsync(userCode, new SignedInUser(userId, null, factory.Clock.GetUtcNow().UtcDateTime, ["pwd"])));

    public static Task<bool> DenyAsync(PortalFactory factory, string userCode, string userId) =>
        factory.WithScopeAsync(s => s.GetRequiredService<DeviceVerification>().DenyAsync(userCode, userId));

    private static Dictionary<string, string> Form(string clientId, string? secret, params (string Name, string Value)[] fields)
    {
        var form = new Dictionary<string, string> { ["client_id"] = clientId };
        if (secret is not null)
        {
            form["client_secret"] = secret;
        }

        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        return form;
    }
}
