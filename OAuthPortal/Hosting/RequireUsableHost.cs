namespace OAuthPortal.Hosting;

/// <summary>
/// A request whose Host cannot be the origin of a URL (none in HTTP/1.0, empty in HTTP/1.1, a bad port, an invalid
/// international name) has nothing to build links, redirects or the issuer from: 400 before anything else runs.
/// (Reading such a Host threw, or made pages that render components throw: a 500.)
/// </summary>
public sealed class RequireUsableHost(RequestDelegate next)
{
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
        try
        {
            // What reading Request.Host and building an absolute URL from it do, without the exceptions.
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
