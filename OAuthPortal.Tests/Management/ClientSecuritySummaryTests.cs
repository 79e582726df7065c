using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.Management;

/// <summary>What the audit log says about a client's authentication and security settings.</summary>
public sealed class ClientSecuritySummaryTests
{
    private static Client KeyClient(string jwks) => new()
    {
        TokenEndpointAuthMethod = "private_key_jwt", Jwks = jwks, RequirePushedAuthorizationRequests = true, Profile = ClientProfile.Fapi2,
    };

    [Fact]
    public void Of_KeyClient_NamesEverySettingButNoKeyMaterial()
    {
        var key = KeyClients.Ec("k1");

        var summary = ClientSecuritySummary.Of(KeyClient(KeyClients.JwkSet(key)));

        Assert.StartsWith("token_endpoint_auth_method=private_key_jwt, jwks=k1 (sha256:", summary);
        Assert.EndsWith("jwks_uri=none, require_pushed_authorization_requests=on, dpop_bound_access_tokens=off, profile=fapi2", summary);
        Assert.DoesNotContain(key.PublicJwk["x"], summary);
    }

    [Fact]
    public void Changes_OnlyDpopTurnedOn_ListsOnlyThat()
    {
        var before = new Client { TokenEndpointAuthMethod = "client_secret_basic" };
        var after = ClientSecuritySummary.Snapshot(before);
        after.DpopBoundAccessTokens = true;

        Assert.Equal("dpop_bound_access_tokens: off -> on", ClientSecuritySummary.Changes(before, after));
    }

    [Fact]
    public void Changes_ANewKeyUnderTheSameKid_IsListed()
    {
        var before = KeyClient(KeyClients.JwkSet(KeyClients.Ec("same")));
        var after = KeyClient(KeyClients.JwkSet(KeyClients.Ec("same")));

        Assert.StartsWith("jwks: same (sha256:", ClientSecuritySummary.Changes(before, after));
    }

    [Fact]
    public void Changes_NothingChanged_IsEmpty()
    {
        var client = KeyClient(KeyClients.JwkSet(KeyClients.Ec()));

        Assert.Equal("", ClientSecuritySummary.Changes(client, ClientSecuritySummary.Snapshot(client)));
    }
}
