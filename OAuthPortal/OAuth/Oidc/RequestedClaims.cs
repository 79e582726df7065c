using System.Text.Json;
using System.Text.Json.Serialization;

namespace OAuthPortal.OAuth.Oidc;

/// <summary>
/// The OpenID Connect <c>claims</c> request parameter (Core §5.5) as the portal honours it: the supported claims asked
/// for in the id_token and from the UserInfo endpoint. Everything else in it (unknown claims, <c>essential</c>,
/// <c>value</c>, <c>values</c>) is ignored, as §5.5 allows. A claim is released only when a granted scope covers it
/// (<see cref="ScopeClaims"/>): the parameter moves a consented claim into the id_token, it never widens consent.
/// </summary>
public sealed record RequestedClaims(
    [property: JsonPropertyName("id_token")] IReadOnlyList<string> IdToken,
    [property: JsonPropertyName("userinfo")] IReadOnlyList<string> UserInfo)
{
    public static readonly RequestedClaims None = new([], []);

    /// <summary>The parameter's JSON; null with a description when it is not a JSON object of objects.</summary>
    public static (RequestedClaims? Claims, string? Problem) Parse(string? json)
    {
        if (json is null)
        {
            return (None, null);
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "'claims' must be a JSON object.");
            }

            var (idToken, idTokenProblem) = Members(document.RootElement, "id_token");
            var (userInfo, userInfoProblem) = Members(document.RootElement, "userinfo");
            return (idTokenProblem ?? userInfoProblem) is { } problem ? (null, problem) : (new RequestedClaims(idToken, userInfo), null);
        }
        catch (JsonException)
        {
            return (null, "'claims' must be valid JSON.");
        }
    }

    /// <summary>The stored form (<c>Grant.ClaimsRequest</c>); null when nothing was asked for.</summary>
    public string? Serialize() => IdToken.Count == 0 && UserInfo.Count == 0 ? null : JsonSerializer.Serialize(this);

    public static RequestedClaims Deserialize(string? stored) =>
        stored is null ? None : JsonSerializer.Deserialize<RequestedClaims>(stored) ?? None;

    private static (IReadOnlyList<string> Claims, string? Problem) Members(JsonElement root, string member)
    {
        if (!root.TryGetProperty(member, out var requests) || requests.ValueKind == JsonValueKind.Null)
        {
            return ([], null);
        }

        if (requests.ValueKind != JsonValueKind.Object)
        {
            return ([], $"'claims' member '{member}' must be a JSON object.");
        }

        return (requests.EnumerateObject().Select(p => p.Name).Where(ScopeClaims.All.Contains).Distinct().ToList(), null);
    }
}
