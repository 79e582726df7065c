using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OAuthPortal.Tests.Support;

/// <summary>Calls the token, revocation and introspection endpoints as a client library would.</summary>
public static class TokenEndpoint
{
    public sealed record Reply(HttpResponseMessage Response, JsonElement Json)
    {
        public string? this[string name] => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
    }

    /// <summary>RFC 6749 §2.3.1: client_id and secret are form-url-encoded, then base64-encoded.</summary>
    public static AuthenticationHeaderValue Basic(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));

    public static async Task<Reply> PostAsync(
        HttpClient http, string path, IEnumerable<KeyValuePair<string, string>> form, AuthenticationHeaderValue? authorization = null, params string[] dpopProofs)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = authorization;
        foreach (var proof in dpopProofs)
        {
            request.Headers.TryAddWithoutValidation("DPoP", proof);
        }

        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply(response, text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text));
    }

    public static Task<Reply> TokenAsync(HttpClient http, Dictionary<string, string> form, AuthenticationHeaderValue? authorization = null) =>
        PostAsync(http, "/oauth2/token", form, authorization);

    /// <summary>Shows the consent page (prompt=consent, so remembered consent does not skip it), allows, and returns the code.</summary>
    public static async Task<string> AuthorizeAsync(OAuthScenario scenario, params (string Name, string? Value)[] overrides)
    {
        var response = await Consent.AcceptAsync(scenario.Browser, scenario.AuthorizeUrl([("prompt", "consent"), .. overrides]));
        return OAuthAssert.RedirectsTo(response, "", System.Net.HttpStatusCode.SeeOther)["code"];
    }

    /// <summary>The form of a code exchange by a confidential client using client_secret_post, with overrides (null removes).</summary>
    public static Dictionary<string, string> CodeForm(OAuthScenario scenario, string code, params (string Name, string? Value)[] overrides)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["client_id"] = scenario.ClientId,
            ["code_verifier"] = OAuthScenario.Verifier,
        };
        if (scenario.ClientSecret is not null)
        {
            form["client_secret"] = scenario.ClientSecret;
        }

        foreach (var (name, value) in overrides)
        {
            if (value is null)
            {
                form.Remove(name);
            }
            else
            {
                form[name] = value;
            }
        }

        return form;
    }

    /// <summary>Authorize and exchange: a fresh token response for the scenario.</summary>
    public static async Task<Reply> ObtainTokensAsync(OAuthScenario scenario)
    {
        var code = await AuthorizeAsync(scenario);
        var reply = await TokenAsync(scenario.Factory.CreateClient(), CodeForm(scenario, code));
        Html.AssertStatus(System.Net.HttpStatusCode.OK, reply.Response);
        return reply;
    }
}
