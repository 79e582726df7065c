using System.Text.Json.Nodes;

namespace OAuthPortal.Tests.Support;

/// <summary>
/// One table of registrations the portal refuses, each written twice: as the developer area's form and as RFC 7591
/// metadata. The developer-area tests and the registration endpoint's tests both run every case and expect the same
/// message, so the two cannot drift apart: they are judged by the same rules.
/// </summary>
public static class RefusedClientMetadata
{
    /// <param name="Form">Form fields on top of the create page's (a list value: one field per entry).</param>
    /// <param name="Metadata">Changes to <see cref="Registrations.WebApp"/>: a null value removes the member.</param>
    /// <param name="ErrorTest">The data-test of the developer area's error for the field.</param>
    /// <param name="Member">The metadata member the registration endpoint's description names.</param>
    /// <param name="Message">A fragment of the message both give.</param>
    public sealed record Case(
        string Name, Dictionary<string, string[]> Form, Dictionary<string, JsonNode?> Metadata, string ErrorTest, string Member, string Error, string Message)
    {
        public override string ToString() => Name;

        public JsonObject Json()
        {
            var json = Registrations.WebApp();
            foreach (var (member, value) in Metadata)
            {
                json.Remove(member);
                if (value is not null)
                {
                    json[member] = value.DeepClone();
                }
            }

            return json;
        }
    }

    private const string RedirectError = "invalid_redirect_uri";
    private const string MetadataError = "invalid_client_metadata";

    private static Case Redirect(string name, string[] uris, string message) => new(name,
        new() { ["Input.RedirectUris"] = [string.Join('\n', uris)] },
        new() { ["redirect_uris"] = new JsonArray(uris.Select(u => (JsonNode?)u).ToArray()) },
        "redirect-uris-error", "redirect_uris", RedirectError, message);

    private static Case Grants(string name, string[] grantTypes, string message, bool publicClient = false) => new(name,
        new() { ["Input.GrantTypes"] = grantTypes, ["Type"] = [publicClient ? "Public" : "Confidential"] },
        new()
        {
            ["grant_types"] = new JsonArray(grantTypes.Select(g => (JsonNode?)g).ToArray()),
            ["response_types"] = grantTypes.Contains("authorization_code") ? new JsonArray("code") : new JsonArray(),
            ["token_endpoint_auth_method"] = publicClient ? "none" : "client_secret_basic",
        },
        "grant-types-error", "grant_types", MetadataError, message);

    private static Case Field(string name, string formField, string value, string member, string errorTest, string message) => new(name,
        new() { [formField] = [value] }, new() { [member] = value }, errorTest, member, MetadataError, message);

    public static readonly IReadOnlyList<Case> All =
    [
        Redirect("redirect URI with a fragment", ["https://app.example.test/cb#frag"], "fragment"),
        Redirect("plain http redirect URI", ["http://app.example.test/cb"], "must use https"),
        Redirect("relative redirect URI", ["/relative/cb"], "absolute"),
        Redirect("redirect URI with a user name", ["https://user@app.example.test/cb"], "user name"),
        Redirect("redirect URI listed twice", ["https://app.example.test/cb", "https://app.example.test/cb"], "listed twice"),
        Redirect("code flow without redirect URIs", [], "between 1 and 20"),
        Field("name with a bidi override", "Input.Name", "Evil\u202Eemanl", "client_name", "name-error", "invisible"),
        Field("name too long", "Input.Name", new string('n', 257), "client_name", "name-error", "at most 256 characters"),
        Field("plain http logo", "Input.ImageUrl", "http://cdn.example.test/logo.png", "logo_uri", "image-error", "must be an absolute https URL"),
        Grants("public client with client_credentials", ["client_credentials"], "A public client cannot use client_credentials", publicClient: true),
        Grants("refresh_token alone", ["refresh_token"], "only extends the tokens of"),
        Grants("unsupported grant type", ["authorization_code", "password"], "is not a grant type this portal supports"),
        Field("unsupported id_token algorithm", "Input.IdTokenSignedResponseAlg", "HS256", "id_token_signed_response_alg", "algorithm-error", "must be one of"),
        Field("plain http back-channel logout URI", "Input.BackchannelLogoutUri", "http://rp.example.test/logout", "backchannel_logout_uri",
            "backchannel-error", "must use https"),
        new("post-logout redirect URI with a fragment",
            new() { ["Input.PostLogoutRedirectUris"] = ["https://app.example.test/bye#x"] },
            new() { ["post_logout_redirect_uris"] = new JsonArray("https://app.example.test/bye#x") },
            "post-logout-redirect-uris-error", "post_logout_redirect_uris", MetadataError, "fragment"),
        new("private_key_jwt without keys",
            new() { ["Input.TokenEndpointAuthMethod"] = ["private_key_jwt"] },
            new() { ["token_endpoint_auth_method"] = "private_key_jwt" },
            "jwks-error", "jwks", MetadataError, "needs the client's public keys"),
    ];

    /// <summary>The cases' names, for [MemberData]; <see cref="Named"/> finds a case again.</summary>
    public static TheoryData<string> Names => new(All.Select(c => c.Name));

    public static Case Named(string name) => All.Single(c => c.Name == name);
}
