namespace OAuthPortal.OAuth.Resources;

/// <summary>
/// A resource a request named (RFC 8707 <c>resource</c>) that the portal knows: its identifier and the scopes it
/// accepts (empty: any scope).
/// </summary>
public sealed record NamedResource(string Uri, IReadOnlyList<string> Scopes)
{
    public bool Accepts(string scope) => Scopes.Count == 0 || Scopes.Contains(scope, StringComparer.Ordinal);
}
