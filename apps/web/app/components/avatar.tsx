import { useEffect, useRef, useState } from "react";

/** The initials image of a name (a resource route renders core's initialsAvatarSvg). */
export function initialsUrl(name: string): string {
  return `/avatars/initials/${encodeURIComponent(name.trim() || "?")}.svg`;
}

interface AvatarProps {
  name: string;
  /** The stored avatar's URL, or null: the initials image instead. */
  src: string | null | undefined;
  size?: number;
  /** Empty (decorative) by default: the name is written beside the picture. */
  alt?: string;
  className?: string;
}

/**
 * A person's picture: their avatar when they have one, else their initials. A picture that
 * fails to load (deleted file, network) falls back to the initials too, even when it failed
 * before React hydrated (then onError never fired: the effect checks the image).
 */
export function Avatar({ name, src, size = 48, alt = "", className }: AvatarProps) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const ref = useRef<HTMLImageElement>(null);
  const useStored = Boolean(src) && failedSrc !== src;

  useEffect(() => {
    const image = ref.current;
    if (src && image?.complete && image.naturalWidth === 0) setFailedSrc(src);
  }, [src]);

  return (
    <img
      ref={ref}
      src={useStored && src ? src : initialsUrl(name)}
      alt={alt}
      width={size}
      height={size}
      className={className ? `avatar ${className}` : "avatar"}
      data-avatar={useStored ? "photo" : "initials"}
      onError={() => {
        if (src && useStored) setFailedSrc(src);
      }}
    />
  );
}
