using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.OAuth.Resources;

/// <summary>
/// What makes a protected resource's URI registrable (RFC 8707 §2: an absolute URI without a fragment; RFC 9728 §1.2:
/// https): the redirect-URI shape rules (<see cref="RedirectUriPolicy"/>: absolute http(s), no fragment, no user
/// information, no spaces), at most <see cref="ProtectedResource.MaxUriLength"/> characters, and https; plain http only
/// on a loopback host while OAuth:RequireHttps is off (local development).
/// </summary>
public sealed class ResourceUriPolicy(RedirectUriPolicy uris, IOptions<OAuthOptions> options)
{
    private const string Subject = "The resource URI";

    /// <summary>Null when <paramref name="uri"/> may be registered, else why not.</summary>
    public string? Validate(string uri)
    {
        if (uri.Length > ProtectedResource.MaxUriLength)
        {
            return $"{Subject} must be at most {ProtectedResource.MaxUriLength} characters long.";
        }

        if (uris.Validate(uri, Subject) is { } problem)
        {
            return problem;
        }

        return uri.StartsWith(Uri.UriSchemeHttps + ":", StringComparison.OrdinalIgnoreCase) || (!options.Value.RequireHttps && RedirectUriPolicy.IsLoopbackHttp(uri))
            ? null
            : $"{Subject} must use https; plain http is allowed only on a loopback address while OAuth:RequireHttps is off.";
    }
}
