namespace OAuthPortal.Data;

/// <summary>
/// A new secret on its way from the POST that made it to the one page view that shows it, possibly served by another
/// instance (see <c>Management/OneTimeSecrets</c>): encrypted with Data Protection, found by a hash of the user, the
/// subject and a random handle, deleted when read and pruned when expired.
/// </summary>
public sealed class HandedOverSecret
{
    public byte[] Key { get; set; } = [];

    public string ProtectedValue { get; set; } = "";

    public DateTime ExpiresAt { get; set; }
}
