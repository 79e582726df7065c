using Microsoft.Extensions.Hosting;
using OAuthPortal.OAuth;

namespace OAuthPortal.Areas.Developer;

/// <summary>
/// The portal's own redirect URI for trying a client: <c>/Developer/Callback</c> only displays what the authorization
/// response brought (code, state, error, iss) with the code exchange filled in, so that a newcomer who clicks Allow never
/// lands on a page that does not exist. It redirects nowhere, so it cannot be an open redirect.
/// </summary>
public static class TestCallback
{
    public const string Path = "/Developer/Callback";

    /// <summary>The absolute URI a client registers: the issuer (or the request's origin) followed by <see cref="Path"/>.</summary>
    public static string UriFor(string issuer) => issuer.TrimEnd('/') + Path;

    /// <summary>
    /// Whether the client page offers the one-click "use the test callback" button: in Development and Testing only. In
    /// Production the callback still works for a client whose owner registered it by hand.
    /// </summary>
    public static bool OneClick(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment(OAuthOptionsValidator.TestingEnvironment);
}
