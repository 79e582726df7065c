using OAuthPortal.Management.Clients;
using OAuthPortal.Pages;

namespace OAuthPortal.Areas.Admin.Pages.Clients;

/// <summary>What the admin client pages ask before disabling a client or rotating its secret (the list and the details page alike).</summary>
public static class ClientQuestions
{
    public static Confirmation Disable(ClientDetails client, string cancelUrl) => new(
        $"Disable {client.Name}?",
        [$"{client.Name} ({client.ClientId}) can no longer authorize users nor get, refresh, revoke or introspect tokens.",
         $"Its {ActiveTokens(client.ActiveTokens)} {(client.ActiveTokens == 1 ? "is" : "are")} refused by protected APIs while it is disabled (not revoked: enabling it again restores them)."],
        "Disable the client", cancelUrl);

    public static Confirmation RotateSecret(ClientDetails client, string cancelUrl) => new(
        $"Rotate the secret of {client.Name}?",
        [$"The current secret of {client.Name} ({client.ClientId}) stops working at once: every app using it fails to get tokens until it is given the new one.",
         $"The new secret is shown once, on the next page. Its {ActiveTokens(client.ActiveTokens)} {(client.ActiveTokens == 1 ? "keeps" : "keep")} working."],
        "Rotate the secret", cancelUrl);

    private static string ActiveTokens(int count) => count == 1 ? "1 active token" : $"{count} active tokens";
}
