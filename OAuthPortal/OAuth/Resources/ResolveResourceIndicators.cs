using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Http;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Resources;

/// <summary>
/// RFC 8707 §2: the <c>resource</c> parameters of an authorization, device authorization or client_credentials token
/// request. Each must be an absolute URI without a fragment, and known: registered by an admin
/// (<see cref="ProtectedResource"/>, exact match) or one of the portal's own APIs (issuer + a
/// <see cref="ProtectedResourcePath"/> prefix, e.g. <c>/api</c>). The parameter may repeat; at most
/// <see cref="MaxResources"/> distinct values, <see cref="Grant.MaxResourcesLength"/> characters in all. Anything
/// else is <c>invalid_target</c>. None sent is no resource: the token is meant for no resource in particular.
/// </summary>
public sealed class ResolveResourceIndicators(PortalDbContext db, IEnumerable<ProtectedResourcePath> ownResources)
{
    public const int MaxResources = 10;

    /// <summary>How much of a refused value an error description repeats.</summary>
    private const int QuotedLength = 80;

    /// <summary>The named resources, in the order sent, without duplicates; or why they are refused.</summary>
    /// <param name="issuer">The issuer identifier answering this request: the portal's own APIs are under it.</param>
    public async Task<(IReadOnlyList<NamedResource> Resources, OAuthError? Error)> ResolveAsync(
        ProtocolParameters parameters, string issuer, CancellationToken cancellationToken = default)
    {
        var (values, error) = Read(parameters);
        if (error is not null || values.Count == 0)
        {
            return ([], error);
        }

        var own = ownResources.ToDictionary(r => issuer + r.Prefix, r => (IReadOnlyList<string>)(r.Scopes ?? []), StringComparer.Ordinal);
        var lookedUp = values.Where(v => !own.ContainsKey(v)).ToList();
        var registered = lookedUp.Count == 0 ? [] : await db.ProtectedResources.AsNoTracking()
            .Where(r => lookedUp.Contains(r.Uri))
            .Select(r => new { r.Uri, Scopes = r.Scopes.Select(s => s.Name).ToList() })
            .ToListAsync(cancellationToken);
        var resources = new List<NamedResource>();
        foreach (var value in values)
        {
            IReadOnlyList<string>? scopes = own.TryGetValue(value, out var ownScopes) ? ownScopes
                : registered.FirstOrDefault(r => string.Equals(r.Uri, value, StringComparison.Ordinal))?.Scopes;
            if (scopes is null)
            {
                return ([], InvalidTarget($"Unknown resource {Quote(value)}: it is not a protected resource registered here."));
            }

            resources.Add(new NamedResource(value, scopes));
        }

        return (resources, null);
    }

    /// <summary>The distinct <c>resource</c> values, each an absolute URI without a fragment, within the limits; no database.</summary>
    public static (IReadOnlyList<string> Values, OAuthError? Error) Read(ProtocolParameters parameters)
    {
        var values = parameters.GetAll(P.Resource).Distinct(StringComparer.Ordinal).ToList();
        if (values.Count > MaxResources)
        {
            return ([], InvalidTarget($"At most {MaxResources} resources can be named in one request."));
        }

        foreach (var value in values)
        {
            if (Malformed(value) is { } problem)
            {
                return ([], InvalidTarget($"The resource {Quote(value)} {problem} (RFC 8707 section 2)."));
            }
        }

        return string.Join(' ', values).Length > Grant.MaxResourcesLength
            ? ([], InvalidTarget($"The resources named are too long together: at most {Grant.MaxResourcesLength} characters."))
            : (values, null);
    }

    /// <summary>The audience stored on a grant or token: the URIs, space-separated; null for none.</summary>
    public static string? Join(IEnumerable<string> uris) => uris.ToList() is { Count: > 0 } list ? string.Join(' ', list) : null;

    /// <summary>The URIs of a stored audience (<see cref="Join"/>).</summary>
    public static IReadOnlyList<string> Split(string? stored) => (stored ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Why a value is not a resource identifier, or null.</summary>
    private static string? Malformed(string value)
    {
        if (value.Length == 0 || value.Length > ProtectedResource.MaxUriLength)
        {
            return $"must be an absolute URI of 1 to {ProtectedResource.MaxUriLength} characters";
        }

        if (value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\\'))
        {
            return "must not contain spaces, control characters or backslashes";
        }

        // On Unix "/path" parses as an absolute file URI: the value itself must start with its scheme.
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !value.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase))
        {
            return "must be an absolute URI";
        }

        return value.Contains('#') ? "must not contain a fragment (#)" : null;
    }

    private static OAuthError InvalidTarget(string description) => new(OAuthErrorCodes.InvalidTarget, description);

    /// <summary>A refused value as the description may repeat it: shortened, quoted with single quotes (sanitized by <see cref="OAuthError"/>).</summary>
    private static string Quote(string value) => $"'{(value.Length > QuotedLength ? value[..QuotedLength] + "..." : value)}'";
}
