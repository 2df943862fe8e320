import { FileUp } from 'lucide-react';
import { type DragEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../ui/cx';

/** A file input that also takes a dropped file; the input stays real for keyboards and tests. */
export function FileDrop({
  accept,
  disabled,
  hint,
  onFile,
}: {
  accept: string;
  disabled?: boolean;
  hint: string;
  onFile: (file: File) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [isOver, setIsOver] = useState(false);

  const onDrop = (event: DragEvent<HTMLLabelElement>) => {
    event.preventDefault();
    setIsOver(false);
    if (disabled) return;
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  };

  return (
    <label
      htmlFor={id}
      onDragOver={(event) => {
        event.preventDefault();
        if (!disabled) setIsOver(true);
      }}
      onDragLeave={() => setIsOver(false)}
      onDrop={onDrop}
      className={cx(
        'flex cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed px-4 py-8 text-center transition-colors focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-indigo-600',
        isOver ? 'border-indigo-500 bg-indigo-50' : 'border-zinc-300 bg-white hover:border-zinc-400',
        disabled && 'cursor-not-allowed opacity-60',
      )}
    >
      <FileUp aria-hidden="true" className="size-8 text-zinc-400" />
      <span className="mt-2 text-sm font-medium text-zinc-800">
        <span className="text-indigo-700 underline underline-offset-2">{t('import.chooseFile')}</span>{' '}
        {t('import.orDrop')}
      </span>
      <span className="mt-1 text-xs text-zinc-500">{hint}</span>
      <input
        id={id}
        type="file"
        data-testid="import-file-input"
        accept={accept}
        disabled={disabled}
        className="sr-only"
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Reset so that choosing the same file again after an error sends it again.
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
    </label>
  );
}
