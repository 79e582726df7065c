namespace OAuthPortal.Pages.OAuth2;

/// <summary>
/// A request a client's site POSTs to the portal (authorization, end session) comes without the SameSite=Lax sign-in
/// cookie, so a signed-in user only looks anonymous: such a request is repeated as a GET of the same parameters (303).
/// </summary>
public static class CrossSitePost
{
    /// <summary>The same request as a GET of <paramref name="path"/>: the parameters in the query, each encoded.</summary>
    public static string AsGet(string path, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var query = string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        return path + (query.Length > 0 ? "?" + query : "");
    }
}
