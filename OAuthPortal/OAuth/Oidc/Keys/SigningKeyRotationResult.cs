using System.Globalization;

namespace OAuthPortal.OAuth.Oidc.Keys;

/// <summary>What a rotation of one algorithm did: the new (or already published) key, and the key it takes over from.</summary>
public sealed record SigningKeyRotationResult(
    string Algorithm, SigningKeyRotationOutcome Outcome, string KeyId, DateTime ActivatesAt, string? PreviousKeyId)
{
    /// <summary>One line for people (the CLI, the admin page's status message).</summary>
    public string Describe() => Outcome switch
    {
        SigningKeyRotationOutcome.Published =>
            $"{Algorithm}: new key {KeyId} published; it signs from {Format(ActivatesAt)}" + (PreviousKeyId is null ? "." : $", when {PreviousKeyId} retires."),
        SigningKeyRotationOutcome.Activated =>
            $"{Algorithm}: new key {KeyId} signs now" + (PreviousKeyId is null ? "." : $"; {PreviousKeyId} retired."),
        _ => $"{Algorithm}: key {KeyId} is already published and signs from {Format(ActivatesAt)}; nothing to do.",
    };

    private static string Format(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
