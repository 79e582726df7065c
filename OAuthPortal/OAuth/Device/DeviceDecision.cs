namespace OAuthPortal.OAuth.Device;

/// <summary>What became of a user's answer to a device authorization.</summary>
public enum DeviceDecision
{
    /// <summary>Recorded: the device's next poll hears it.</summary>
    Recorded,

    /// <summary>
    /// The code names a request that no longer waits (answered already, maybe in another tab; expired; or its client
    /// was disabled): nothing changed. The code was right, so it is no guess.
    /// </summary>
    NotWaiting,

    /// <summary>The code names no request: a wrong code.</summary>
    Unknown,
}
