using System.Buffers;

namespace OAuthPortal.Hosting;

/// <summary>
/// A request whose Host cannot be the origin of a URL (none in HTTP/1.0, empty in HTTP/1.1, a bad port, an invalid
/// international name) has nothing to build links, redirects or the issuer from: 400 before anything else runs.
/// (Reading such a Host threw, or made pages that render components throw: a 500.)
/// </summary>
public sealed class RequireUsableHost(RequestDelegate next)
{
    private static readonly SearchValues<char> PlainNameCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-");

    public Task InvokeAsync(HttpContext context)
    {
        if (IsUsable(context.Request.Headers.Host.ToString()))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("The request's Host header is missing or malformed.", context.RequestAborted);
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
