using System.Buffers;
using Microsoft.Extensions.Options;
using OAuthPortal.OAuth;

namespace OAuthPortal.Hosting;

/// <summary>
/// The Host of a request is where the portal builds links, redirects and e-mailed links from: 400 before anything
/// else runs when it cannot be the origin of a URL (none in HTTP/1.0, empty in HTTP/1.1, a bad port, an invalid
/// international name: pages that render components turned those into a 500), and, when OAuth:Issuer is set (always
/// in production), when it is not the issuer's host, so that nobody can have the portal e-mail a password-reset link
/// that points elsewhere. The health endpoints answer any Host (load balancers probe by address).
/// </summary>
public sealed class RequireUsableHost(RequestDelegate next, IOptions<OAuthOptions> options)
{
    private static readonly SearchValues<char> PlainNameCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-");

    private readonly Uri? _issuer = string.IsNullOrEmpty(options.Value.Issuer) ? null : new Uri(options.Value.Issuer);

    public Task InvokeAsync(HttpContext context)
    {
        if (!IsUsable(context.Request.Headers.Host.ToString()))
        {
            return RefuseAsync(context, "The request's Host header is missing or malformed.");
        }

        if (_issuer is not null && !IsIssuerHost(context.Request.Host) && !context.Request.Path.StartsWithSegments(PortalHealth.HealthPath) &&
            !context.Request.Path.StartsWithSegments(PortalHealth.ReadinessPath))
        {
            return RefuseAsync(context, $"This portal answers as {_issuer.Authority}: send that Host (a reverse proxy must pass on the client's Host).");
        }

        return next(context);
    }

    private bool IsIssuerHost(HostString host) =>
        string.Equals(host.Host, _issuer!.IdnHost, StringComparison.OrdinalIgnoreCase) && (host.Port ?? _issuer.Port) == _issuer.Port;

    private static Task RefuseAsync(HttpContext context, string reason)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(reason, context.RequestAborted);
    }

    public static bool IsUsable(string hostHeader)
    {
        // The common case without allocating: a plain ASCII name or IPv4 address (no empty label), and maybe a port.
        var colon = hostHeader.LastIndexOf(':');
        var name = colon < 0 ? hostHeader.AsSpan() : hostHeader.AsSpan(0, colon);
        if (name.Length > 0 && !name.ContainsAnyExcept(PlainNameCharacters) && name[0] != '.' && name[^1] != '.' &&
            !name.Contains("..", StringComparison.Ordinal) && !name.Contains("xn--", StringComparison.OrdinalIgnoreCase))
        {
            return colon < 0 || (int.TryParse(hostHeader.AsSpan(colon + 1), System.Globalization.NumberStyles.None, null, out var port) && port is > 0 and <= 65535);
        }

        try
        {
            // IPv6 literals, international names: what reading Request.Host and building an absolute URL do, minus the exceptions.
            var host = HostString.FromUriComponent(hostHeader);
            return !string.IsNullOrEmpty(host.Host) && host.Port is null or (> 0 and <= 65535) &&
                   Uri.TryCreate($"http://{host.ToUriComponent()}/", UriKind.Absolute, out _);
        }
        catch (ArgumentException)
        {
            return false; // e.g. "Decoded string is not a valid IDN name"
        }
    }
}
