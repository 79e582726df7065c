namespace OAuthPortal.Data;

/// <summary>One counter an attempt is counted under (see <see cref="AttemptCounters"/>) and how many attempts it allows before it locks.</summary>
/// <param name="Key">The counter's key: <see cref="AttemptCounters.Key"/> of a prefix naming what is limited and the values it is counted for.</param>
/// <param name="Limit">Failed attempts under this key before it locks.</param>
public readonly record struct AttemptLimit(byte[] Key, int Limit);
