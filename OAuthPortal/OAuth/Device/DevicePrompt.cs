using OAuthPortal.Data;

namespace OAuthPortal.OAuth.Device;

/// <summary>A device authorization waiting for its user, as the device page shows it: which client asks for what (its owner loaded).</summary>
public sealed record DevicePrompt(string UserCode, Client Client, IReadOnlyList<Scope> Scopes, DateTime ExpiresAt);
