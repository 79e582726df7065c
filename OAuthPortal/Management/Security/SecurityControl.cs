namespace OAuthPortal.Management.Security;

/// <summary>One RFC 9700 control: what it is, its current setting, whether it is enforced now, and where it comes from.</summary>
public sealed record SecurityControl(string Control, string Setting, bool Enforced, string Reference);
