using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OAuthPortal.Data.Configurations;

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public const int IdLength = 32;
    public const int UserAgentLength = 256;
    public const int IpAddressLength = 45;

    public void Configure(EntityTypeBuilder<UserSession> session)
    {
        session.Property(s => s.Id).HasMaxLength(IdLength).IsUnicode(false);
        session.Property(s => s.IpAddress).HasMaxLength(IpAddressLength).IsUnicode(false);
        session.Property(s => s.UserAgent).HasMaxLength(UserAgentLength);
        session.HasIndex(s => s.UserId);
        session.HasIndex(s => s.LastSeenAt); // pruning
        session.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
