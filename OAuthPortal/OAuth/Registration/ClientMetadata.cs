using System.Text.Json;
using E = OAuthPortal.OAuth.OAuthErrorCodes;
using M = OAuthPortal.OAuth.Registration.ClientMetadataNames;

namespace OAuthPortal.OAuth.Registration;

/// <summary>
/// The client metadata of a registration or update request (RFC 7591 §2, RFC 7592 §2.2), as sent: a member that is
/// absent is null. Only the members the portal supports are read; any other member is ignored and never echoed (§2).
/// </summary>
public sealed record ClientMetadata
{
    public IReadOnlyList<string>? RedirectUris { get; init; }
    public string? ClientName { get; init; }
    public string? ClientUri { get; init; }
    public string? LogoUri { get; init; }
    public IReadOnlyList<string>? GrantTypes { get; init; }
    public IReadOnlyList<string>? ResponseTypes { get; init; }
    public string? TokenEndpointAuthMethod { get; init; }
    public string? Scope { get; init; }
    public IReadOnlyList<string>? Contacts { get; init; }
    public string? SoftwareId { get; init; }
    public string? SoftwareVersion { get; init; }
    public IReadOnlyList<string>? PostLogoutRedirectUris { get; init; }
    public string? BackchannelLogoutUri { get; init; }
    public string? IdTokenSignedResponseAlg { get; init; }

    /// <summary>The <c>jwks</c> member as JSON text (a JWK Set), or null.</summary>
    public string? Jwks { get; init; }

    public string? JwksUri { get; init; }
    public bool? RequirePushedAuthorizationRequests { get; init; }
    public bool? DpopBoundAccessTokens { get; init; }

    /// <summary>RFC 7592 §2.2: the client_id a management request names (it must be the client's own).</summary>
    public string? ClientId { get; init; }

    /// <summary>RFC 7592 §2.2: the client_secret an update may carry (it must be the current one).</summary>
    public string? ClientSecret { get; init; }

    /// <summary>An update asks for a new client secret (the portal's extension to RFC 7592 §2.2, <c>rotate_client_secret: true</c>).</summary>
    public bool RotateClientSecret { get; init; }

    /// <summary>Whether the request carried a software statement (RFC 7591 §2.3), which the portal does not accept.</summary>
    public bool HasSoftwareStatement { get; init; }

    /// <summary>
    /// Reads the JSON object of a request, or the error that describes what is wrong with it: a body that is not a JSON
    /// object, or a supported member of the wrong type (a string where an array of strings belongs...), named.
    /// </summary>
    public static OAuthResult<ClientMetadata> Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid(E.InvalidClientMetadata, "The body must be a JSON object of client metadata (RFC 7591 section 2).");
        }

        var reader = new Reader(root);
        var metadata = new ClientMetadata
        {
            RedirectUris = reader.Strings(M.RedirectUris),
            ClientName = reader.String(M.ClientName),
            ClientUri = reader.String(M.ClientUri),
            LogoUri = reader.String(M.LogoUri),
            GrantTypes = reader.Strings(M.GrantTypes),
            ResponseTypes = reader.Strings(M.ResponseTypes),
            TokenEndpointAuthMethod = reader.String(M.TokenEndpointAuthMethod),
            Scope = reader.String(M.Scope),
            Contacts = reader.Strings(M.Contacts),
            SoftwareId = reader.String(M.SoftwareId),
            SoftwareVersion = reader.String(M.SoftwareVersion),
            PostLogoutRedirectUris = reader.Strings(M.PostLogoutRedirectUris),
            BackchannelLogoutUri = reader.String(M.BackchannelLogoutUri),
            IdTokenSignedResponseAlg = reader.String(M.IdTokenSignedResponseAlg),
            Jwks = reader.Object(M.Jwks),
            JwksUri = reader.String(M.JwksUri),
            RequirePushedAuthorizationRequests = reader.Boolean(M.RequirePushedAuthorizationRequests),
            DpopBoundAccessTokens = reader.Boolean(M.DpopBoundAccessTokens),
            ClientId = reader.String(M.ClientId),
            ClientSecret = reader.String(M.ClientSecret),
            RotateClientSecret = reader.Boolean(M.RotateClientSecret) == true,
            HasSoftwareStatement = root.TryGetProperty(M.SoftwareStatement, out var statement) && statement.ValueKind != JsonValueKind.Null,
        };
        return reader.Problem is { } problem
            ? Invalid(problem.Member == M.RedirectUris ? E.InvalidRedirectUri : E.InvalidClientMetadata, $"{problem.Member}: {problem.Message}")
            : OAuthResult<ClientMetadata>.Success(metadata);
    }

    private static OAuthError Invalid(string code, string description) => new(code, description);

    /// <summary>Reads members by type, keeping the first problem; JSON null counts as absent (RFC 7592 §2.2: "null or empty").</summary>
    private sealed class Reader(JsonElement root)
    {
        /// <summary>Longer than any value the rules accept, so nothing acceptable is cut, and nothing huge is copied.</summary>
        private const int MaxStringLength = 20_000;
        private const int MaxListLength = 100;

        public (string Member, string Message)? Problem { get; private set; }

        public string? String(string member)
        {
            if (Present(member) is not { } value)
            {
                return null;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                return Fail(member, "must be a string.");
            }

            var text = Text(value);
            return text is null ? Fail(member, "is not valid text (a lone UTF-16 surrogate).")
                : text.Length <= MaxStringLength ? text : Fail(member, $"is longer than {MaxStringLength} characters.");
        }

        public IReadOnlyList<string>? Strings(string member)
        {
            if (Present(member) is not { } value)
            {
                return null;
            }

            var texts = value.ValueKind == JsonValueKind.Array && value.GetArrayLength() <= MaxListLength
                ? value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? Text(e) : null).ToList()
                : null;
            return texts is null || texts.Any(t => t is null || t.Length > MaxStringLength)
                ? Fail<IReadOnlyList<string>>(member, $"must be an array of at most {MaxListLength} strings (valid text, at most {MaxStringLength} characters each).")
                : texts!;
        }

        public bool? Boolean(string member) => Present(member) switch
        {
            null => null,
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            _ => Fail<bool?>(member, "must be true or false."),
        };

        public string? Object(string member) => Present(member) switch
        {
            null => null,
            { ValueKind: JsonValueKind.Object } value => value.GetRawText(),
            _ => Fail(member, "must be a JSON object."),
        };

        /// <summary>The string, or null when it is not valid UTF-16 (an escaped lone surrogate, which JsonDocument lets through).</summary>
        private static string? Text(JsonElement value)
        {
            try
            {
                return value.GetString();
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        private JsonElement? Present(string member) =>
            root.TryGetProperty(member, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

        private string? Fail(string member, string message) => Fail<string>(member, message);

        private T? Fail<T>(string member, string message)
        {
            Problem ??= (member, message);
            return default;
        }
    }
}
